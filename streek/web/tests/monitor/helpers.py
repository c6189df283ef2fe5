from decimal import Decimal

from django.test import Client

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.monitor.models import SaleFact
from streek.monitor.tests.factories import SaleFactFactory

SINT_TRUIDEN = "71053"
DASHBOARD = f"/monitor/municipality-{SINT_TRUIDEN}/2025/"


def client_for(user: User | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def sales_by(producers: int, *, value: str = "100.00", year: int = 2025) -> list[Organisation]:
    """`producers` producers in Sint-Truiden, each with one delivered direct sale in the year (Q2)."""
    made: list[Organisation] = []
    for _ in range(producers):
        producer = OrganisationFactory()
        SaleFactFactory(producer=producer, value=Decimal(value), producer_value=Decimal(value), year=year)
        made.append(producer)
    return made


def turnover_sales() -> int:
    return SaleFact.objects.count()
