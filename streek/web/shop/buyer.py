"""Who is shopping: the guest's basket token kept in the session, and the organisation a business buyer buys for.

A guest's basket is tied to a random token in the session rather than to the session key: Django changes
the session key at login, while the token survives it, so the login can hand the guest's baskets over.
"""

from uuid import uuid4

from django.http import HttpRequest

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.orders.access import organisations_buying_for

GUEST_BASKET_KEY = "shop_guest_basket"
BUYING_FOR = "shop_buying_for"


def guest_token(request: HttpRequest, *, create: bool = False) -> str:
    """The session's basket token ('' when there is none and `create` is false)."""
    token = str(request.session.get(GUEST_BASKET_KEY) or "")
    if not token and create:
        token = uuid4().hex
        request.session[GUEST_BASKET_KEY] = token
    return token


def actor(request: HttpRequest) -> Actor:
    return request.user  # type: ignore[return-value]


def buying_for_choices(request: HttpRequest) -> list[Organisation]:
    """The organisations the signed-in user may buy for (none for guests)."""
    if not request.user.is_authenticated:
        return []
    return organisations_buying_for(actor=actor(request))


def buying_for(request: HttpRequest, choices: list[Organisation] | None = None) -> Organisation | None:
    """The organisation chosen in this session, if the user may still buy for it; None: buying as a household."""
    chosen = request.session.get(BUYING_FOR)
    if not chosen or not request.user.is_authenticated:
        return None
    options = buying_for_choices(request) if choices is None else choices
    return next((organisation for organisation in options if organisation.pk == chosen), None)


def buying_for_set(request: HttpRequest, organisation: Organisation | None) -> None:
    if organisation is None:
        request.session.pop(BUYING_FOR, None)
    else:
        request.session[BUYING_FOR] = organisation.pk
