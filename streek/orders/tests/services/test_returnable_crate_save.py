from decimal import Decimal

import pytest

from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.models import ReturnableCrate
from streek.orders.services.channels import returnable_crate_save
from streek.orders.tests.factories import HubFactory, ReturnableCrateFactory
from streek.orders.tests.hub_scenarios import member_of, outsider

pytestmark = pytest.mark.django_db


def test_returnable_crate_save_creates_and_changes_a_crate():
    hub = HubFactory()
    owner = member_of(hub)

    crate = returnable_crate_save(actor=owner, hub=hub, name=" Groene krat ", deposit=Decimal("2.50"))
    returnable_crate_save(actor=owner, hub=hub, crate=crate, name="Groene krat", deposit=Decimal("3.00"))

    crate.refresh_from_db()
    assert (crate.name, crate.deposit) == ("Groene krat", Decimal("3.00"))


def test_returnable_crate_save_refuses_a_second_crate_of_the_same_name():
    crate = ReturnableCrateFactory(name="Krat")

    with pytest.raises(ApplicationError):
        returnable_crate_save(actor=member_of(crate.hub), hub=crate.hub, name="Krat", deposit=Decimal("1"))

    assert ReturnableCrate.objects.count() == 1


def test_returnable_crate_save_refuses_a_negative_deposit():
    hub = HubFactory()

    with pytest.raises(ApplicationError) as error:
        returnable_crate_save(actor=member_of(hub), hub=hub, name="Krat", deposit=Decimal("-1"))

    assert error.value.extra["field"] == "deposit"
    assert not ReturnableCrate.objects.exists()


def test_returnable_crate_save_refuses_a_crate_of_another_hub_and_outsiders():
    crate = ReturnableCrateFactory(deposit=Decimal("3.00"))
    hub = HubFactory()

    with pytest.raises(ApplicationError):
        returnable_crate_save(actor=member_of(hub), hub=hub, crate=crate, name="Mijn krat", deposit=Decimal("1"))
    with pytest.raises(PermissionRefused):
        returnable_crate_save(actor=outsider(), hub=crate.hub, crate=crate, name="Mijn krat", deposit=Decimal("1"))

    crate.refresh_from_db()
    assert crate.deposit == Decimal("3.00")
    assert crate.name != "Mijn krat"
