"""Signing webhook requests: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret.

Every request carries `Streek-Signature: t=<unix seconds>,v1=<hex digest>`. A receiver recomputes the digest with
its copy of the secret, compares in constant time and refuses timestamps older than a few minutes (replays).
`verify_signature` is that check; docs/webhooks.md shows it in a receiver.
"""

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "Streek-Signature"
EVENT_HEADER = "Streek-Event"
DELIVERY_HEADER = "Streek-Delivery"
DEFAULT_TOLERANCE = 300  # seconds


def secret_generate() -> str:
    """A new signing secret: 'whsec_' and 48 hexadecimal characters."""
    return "whsec_" + secrets.token_hex(24)


def signature_compute(*, secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of "<timestamp>.<body>" with the secret."""
    message = str(int(timestamp)).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The value of the Streek-Signature header for a body sent now (or at `timestamp`)."""
    moment = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={moment},v1={signature_compute(secret=secret, timestamp=moment, body=body)}"


def _parse(header: str) -> tuple[int | None, list[str]]:
    timestamp: int | None = None
    digests: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            digests.append(value)
    return timestamp, digests


def verify_signature(
    secret: str, header: str, body: bytes, tolerance: int = DEFAULT_TOLERANCE, *, now: float | None = None
) -> bool:
    """True when `header` (Streek-Signature) signs `body` with `secret` and is at most `tolerance` seconds old.

    `body` must be the raw request body, byte for byte (do not parse and re-serialise the JSON first).
    """
    timestamp, digests = _parse(header or "")
    if timestamp is None or not digests:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = signature_compute(secret=secret, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, digest) for digest in digests)
