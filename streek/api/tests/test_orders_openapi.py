import pytest
from django.test import Client

ENDPOINTS = {
    "/api/v1/hubs/{hub_id}/cycles": {"get"},
    "/api/v1/cycles/{cycle_id}": {"get"},
    "/api/v1/cycles/{cycle_id}/catalogue": {"get"},
    "/api/v1/cycles/{cycle_id}/basket": {"get"},
    "/api/v1/cycles/{cycle_id}/basket/lines/{offer_id}": {"put", "delete"},
    "/api/v1/cycles/{cycle_id}/checkout": {"post"},
    "/api/v1/cycles/{cycle_id}/orders": {"get"},
    "/api/v1/cycles/{cycle_id}/producer-lines": {"get"},
    "/api/v1/orders": {"get"},
    "/api/v1/orders/{order_id}": {"get"},
    "/api/v1/orders/{order_id}/cancel": {"post"},
}


@pytest.mark.django_db
def test_the_trade_endpoints_are_documented(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    for path, methods in ENDPOINTS.items():
        assert methods <= set(schema["paths"][path]), path
    checkout = schema["paths"]["/api/v1/cycles/{cycle_id}/checkout"]["post"]
    header = next(p for p in checkout["parameters"] if p["name"] == "Idempotency-Key")
    assert (header["in"], header["required"]) == ("header", True)
    assert {"200", "201", "401", "409"} <= set(checkout["responses"])
    assert checkout["security"] == [{"TokenAuth": []}, {"ScopedSessionAuth": []}]
    catalogue = schema["paths"]["/api/v1/cycles/{cycle_id}/catalogue"]["get"]
    assert "security" not in catalogue
