"""The scopes of API tokens: "<domain>:read" or "<domain>:write"; write implies read."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from streek.core.rate_limit import RateLimit

SCOPE_DOMAINS: tuple[str, ...] = ("catalog", "orders", "market", "logistics", "monitor", "dfc")
SCOPE_ACTIONS: tuple[str, ...] = ("read", "write")
ALL_SCOPES: tuple[str, ...] = tuple(f"{domain}:{action}" for domain in SCOPE_DOMAINS for action in SCOPE_ACTIONS)

DOMAIN_LABELS = {
    "catalog": _("Catalogue (products, variants, sales points)"),
    "orders": _("Orders (cycles, baskets, checkout, orders)"),
    "market": _("Market (offers, requests, matches)"),
    "logistics": _("Logistics (plans, routes, stops)"),
    "monitor": _("Monitor (indicators)"),
    "dfc": _("DFC (Data Food Consortium exchange)"),
}


def validate_scopes(value: object) -> None:
    """A non-empty list of known scopes, each once."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one scope."), code="empty")
    unknown = [str(scope) for scope in value if scope not in ALL_SCOPES]
    if unknown:
        raise ValidationError(
            _("Unknown scope: %(scopes)s."), code="unknown", params={"scopes": ", ".join(sorted(unknown))}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A scope is given twice."), code="duplicate")


def has_scope(scopes: list[str], needed: str) -> bool:
    """Whether `scopes` grant `needed`: the scope itself, or the write scope of its domain for a read."""
    if needed in scopes:
        return True
    domain, _sep, action = needed.partition(":")
    return action == "read" and f"{domain}:write" in scopes


def normalised_scopes(scopes: list[str]) -> list[str]:
    """The scopes without duplicates and without a read its write already grants, in a stable order."""
    chosen = set(scopes)
    return [
        scope
        for scope in ALL_SCOPES
        if scope in chosen and not (scope.endswith(":read") and scope.replace(":read", ":write") in chosen)
    ]


def default_rate_limit() -> int:
    """Requests per minute of a new token, from STREEK_API_TOKEN_RATE ("120/m"; other units are converted)."""
    rate = RateLimit.parse(getattr(settings, "STREEK_API_TOKEN_RATE", "120/m"))
    return max(1, round(rate.limit * 60 / rate.window_seconds))
