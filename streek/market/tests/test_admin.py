import pytest
from django.urls import reverse

from streek.accounts.tests.factories import AdminUserFactory
from streek.market.tests.factories import DonationFactory, MatchFactory, ProcurementScanLineFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["offer", "request", "match", "donation", "wasterecord", "procurementscan", "digestsubscription"]
)
def test_admin_lists_open(client, model: str) -> None:  # type: ignore[no-untyped-def]
    MatchFactory()
    DonationFactory()
    ProcurementScanLineFactory()
    client.force_login(AdminUserFactory())

    response = client.get(reverse(f"admin:market_{model}_changelist"))

    assert response.status_code == 200
