"""What the inventory view tests share: a logged-in client and the data of a full edit form."""

from typing import Any

from django.test import Client

from streek.accounts.models import User
from streek.catalog.models import SalesPoint


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_data(point: SalesPoint, **overrides: Any) -> dict[str, Any]:
    """The edit form as the browser posts it for `point` unchanged, with overrides."""
    data: dict[str, Any] = {
        "name": point.name,
        "type": point.type,
        "status": point.status,
        "operator": point.operator_id or "",
        "street": point.street,
        "postal_code": point.postal_code,
        "locality": point.locality,
        "country": "BE",
        "municipality": point.municipality_id,
        "lat": point.lat,
        "lon": point.lon,
        "position_exact": "1" if point.position_exact else "0",
        "categories": list(point.categories.values_list("key", flat=True)),
        "labels": list(point.labels.values_list("key", flat=True)),
        "payment_methods": point.payment_methods,
        "accessibility": point.accessibility,
        "phone": point.phone,
        "email": point.email,
        "website": point.website,
        "hours_note": point.hours_note,
        "description_nl": point.description_nl,
    }
    if point.cooled:
        data["cooled"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
