from decimal import Decimal

import pytest

from streek.accounts.choices import MembershipRole
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import FeeCalculation, FeeKind
from streek.orders.models import HubFee
from streek.orders.services.cycles import hub_fee_remove, hub_fee_set
from streek.orders.tests.factories import HubFeeFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_hub_fee_set_adds_a_named_fee():
    cycle = OrderCycleFactory()

    fee = hub_fee_set(
        actor=member_of(cycle.hub),
        cycle=cycle,
        kind=FeeKind.TRANSPORT,
        calculation=FeeCalculation.PER_LINE,
        amount=Decimal("0.50"),
        name="Koeltransport",
    )

    fee.refresh_from_db()
    assert (fee.cycle, fee.kind, fee.amount, str(fee)) == (cycle, FeeKind.TRANSPORT, Decimal("0.50"), "Koeltransport")


def test_hub_fee_set_changes_a_fee():
    fee = HubFeeFactory(amount=Decimal("10"))

    hub_fee_set(
        actor=member_of(fee.cycle.hub),
        cycle=fee.cycle,
        fee=fee,
        kind=fee.kind,
        calculation=FeeCalculation.PERCENTAGE,
        amount=Decimal("12.5"),
    )

    assert HubFee.objects.get().amount == Decimal("12.50")


@pytest.mark.parametrize(
    ("kind", "calculation", "amount", "field"),
    [
        ("tip", FeeCalculation.PER_LINE, Decimal("1"), "kind"),
        (FeeKind.ADMIN, "per_kg", Decimal("1"), "calculation"),
        (FeeKind.ADMIN, FeeCalculation.PER_LINE, Decimal("-1"), "amount"),
        (FeeKind.ADMIN, FeeCalculation.PERCENTAGE, Decimal("120"), "amount"),
    ],
)
def test_hub_fee_set_refuses_wrong_values_and_changes_nothing(kind, calculation, amount, field):
    fee = HubFeeFactory(amount=Decimal("10"))

    with pytest.raises(ApplicationError) as error:
        hub_fee_set(
            actor=member_of(fee.cycle.hub), cycle=fee.cycle, fee=fee, kind=kind, calculation=calculation, amount=amount
        )

    assert error.value.extra["field"] == field
    fee.refresh_from_db()
    assert (fee.kind, fee.calculation, fee.amount) == (FeeKind.PACKING, FeeCalculation.PERCENTAGE, Decimal("10.00"))


def test_hub_fee_set_refuses_a_fee_of_another_cycle_and_staff():
    fee = HubFeeFactory(amount=Decimal("10"))
    cycle = OrderCycleFactory()

    with pytest.raises(ApplicationError):
        hub_fee_set(
            actor=member_of(cycle.hub),
            cycle=cycle,
            fee=fee,
            kind=FeeKind.ADMIN,
            calculation=FeeCalculation.PER_LINE,
            amount=Decimal("1"),
        )
    with pytest.raises(PermissionRefused):
        hub_fee_set(
            actor=member_of(fee.cycle.hub, MembershipRole.STAFF),
            cycle=fee.cycle,
            kind=FeeKind.ADMIN,
            calculation=FeeCalculation.PER_LINE,
            amount=Decimal("1"),
        )

    assert list(HubFee.objects.values_list("kind", "amount")) == [(FeeKind.PACKING, Decimal("10.00"))]


def test_hub_fee_remove():
    fee = HubFeeFactory()

    hub_fee_remove(actor=member_of(fee.cycle.hub), fee=fee)

    assert not HubFee.objects.exists()
