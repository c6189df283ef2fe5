"""Belgian structured communication (gestructureerde mededeling / communication structurée): +++123/4567/89002+++.

Ten digits of reference followed by two check digits: the remainder of the reference modulo 97 (97 when
the remainder is 0), as Belgian banks verify it.
"""

import re

_PATTERN = re.compile(r"^\+\+\+(\d{3})/(\d{4})/(\d{5})\+\+\+$")


def structured_communication(reference: int) -> str:
    """Format a number below 10**10 as a structured communication with its check digits."""
    if not 0 < reference < 10**10:
        raise ValueError("a structured communication holds a reference of at most 10 digits")
    check = reference % 97 or 97
    digits = f"{reference:010d}{check:02d}"
    return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"


def is_valid_structured_communication(text: str) -> bool:
    match = _PATTERN.match(text.strip())
    if match is None:
        return False
    digits = "".join(match.groups())
    reference, check = int(digits[:10]), int(digits[10:])
    return reference > 0 and (reference % 97 or 97) == check
