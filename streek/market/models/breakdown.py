"""A match's breakdown per criterion, stored compactly: a re-match writes it 1.6 million times.

Readers see a dict, criterion -> [score, weight, code] plus a fourth item, the explanation's parameters, when it
has any. In the database it is text: a JSON list in criterion order, each item [score, code number, parameter
values...] with the weights and parameter names left out (they follow from the criterion and the code), about
80 characters instead of the 420 of the dict as jsonb. A dict that does not fit that shape (other weights,
unknown codes or parameters) is stored as JSON text of the dict itself; both forms are read back as the dict.
"""

import json
import math
from typing import Any

from django.db import models

from ..choices import MatchCriterion

CRITERIA: tuple[str, ...] = tuple(str(c) for c in MatchCriterion)
WEIGHTS: dict[str, int] = {
    MatchCriterion.PRODUCT: 3,
    MatchCriterion.QUANTITY: 2,
    MatchCriterion.PERIOD: 2,
    MatchCriterion.DISTANCE: 2,
    MatchCriterion.LABELS: 1,
    MatchCriterion.SPEC: 1,
    MatchCriterion.DELIVERY: 1,
}
# Explanation codes per criterion, by the code number the scoring gives (product: the REL_* numbers).
CODES: dict[str, tuple[str, ...]] = {
    MatchCriterion.PRODUCT: ("unrelated", "exact", "narrower", "broader"),
    MatchCriterion.QUANTITY: ("covers", "partial", "units_differ"),
    MatchCriterion.PERIOD: ("full", "partial", "none"),
    MatchCriterion.DISTANCE: ("within", "beyond"),
    MatchCriterion.LABELS: ("none_required", "all", "partial"),
    MatchCriterion.SPEC: ("none_required", "all", "partial"),
    MatchCriterion.DELIVERY: ("delivers", "beyond_radius", "pickup_only", "buyer_collects"),
}
# Parameter names, in their stored order, by (criterion, code); absent: no parameters.
PARAMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("quantity", "covers"): ("percent",),
    ("quantity", "partial"): ("percent",),
    ("quantity", "units_differ"): ("offer_unit", "request_unit"),
    ("period", "full"): ("days", "percent"),
    ("period", "partial"): ("days", "percent"),
    ("period", "none"): ("days", "percent"),
    ("distance", "within"): ("km", "max_km"),
    ("distance", "beyond"): ("km", "max_km"),
    ("labels", "partial"): ("missing",),
    ("spec", "partial"): ("missing",),
    ("delivery", "beyond_radius"): ("radius_km",),
}
_CODE_NUMBER = {criterion: {code: n for n, code in enumerate(codes)} for criterion, codes in CODES.items()}


def _json_value(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return json.dumps(value, separators=(",", ":"))
    return repr(value) if isinstance(value, float) else str(value)


def compact_item(score: float, code_number: int, params: tuple[Any, ...] = ()) -> str:
    """One criterion's item in the stored form: [score,code number,parameter values...] (JSON; formatted
    directly, as a re-match makes hundreds of thousands of distinct items)."""
    text = f"[{float(score)!r},{int(code_number)}"
    for value in params:
        text += "," + _json_value(value)
    return text + "]"


def _compact(value: dict[str, Any]) -> str | None:
    """The stored form of a breakdown dict, or None when it does not fit it."""
    if set(value) != set(CRITERIA):
        return None
    items = []
    for criterion in CRITERIA:
        entry = value[criterion]
        if not isinstance(entry, list | tuple) or len(entry) not in (3, 4):
            return None
        score, weight, code = entry[0], entry[1], entry[2]
        params = entry[3] if len(entry) == 4 else {}
        number = _CODE_NUMBER[criterion].get(code)
        names = PARAMS.get((criterion, str(code)), ())
        if number is None or weight != WEIGHTS[criterion] or not isinstance(params, dict) or set(params) != set(names):
            return None
        if len(entry) == 4 and not params:
            return None
        items.append([score, number, *(params[name] for name in names)])
    return json.dumps(items, separators=(",", ":"))


def encode_breakdown(value: dict[str, Any]) -> str:
    return _compact(value) or json.dumps(value, separators=(",", ":"))


def decode_breakdown(text: str | None) -> dict[str, Any]:
    """The breakdown dict of a stored text (compact list or plain JSON object)."""
    if not text:
        return {}
    loaded = json.loads(text)
    if isinstance(loaded, dict):
        return loaded
    result: dict[str, Any] = {}
    for criterion, item in zip(CRITERIA, loaded, strict=True):
        code = CODES[criterion][int(item[1])]
        entry: list[Any] = [item[0], WEIGHTS[criterion], code]
        names = PARAMS.get((criterion, code), ())
        if names:
            entry.append(dict(zip(names, item[2:], strict=True)))
        result[criterion] = entry
    return result


class BreakdownField(models.TextField):  # type: ignore[type-arg]
    """A breakdown dict kept as compact text (see the module docstring); not queryable by key."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> dict[str, Any]:
        return decode_breakdown(value)

    def to_python(self, value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        return decode_breakdown(value)

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        return encode_breakdown(dict(value or {}))

    def value_to_string(self, obj: models.Model) -> str:
        return encode_breakdown(self.value_from_object(obj) or {})
