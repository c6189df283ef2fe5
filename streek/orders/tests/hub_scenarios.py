"""People for the hub set-up tests: an owner, manager or staff member of an organisation, an outsider.

Built from the shared factories; tests change what they assert on.
"""

from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Organisation
from streek.orders.choices import ChannelKind, FulfilmentMethod, OrderStatus
from streek.orders.models import ChannelTerms, Order, OrderCycle, PickupSlot
from streek.orders.tests.factories import PickupSlotFactory


def member_of(organisation: Organisation, role: str = MembershipRole.OWNER) -> User:
    """A new user with this role in the organisation (owners and managers edit, staff only read)."""
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def outsider() -> User:
    return UserFactory()


def placed_order(cycle: OrderCycle, *, status: str = OrderStatus.PLACED) -> Order:
    """A bare order in a cycle (no lines), for rules that depend on orders existing."""
    slot = PickupSlot.objects.filter(cycle=cycle).first() or PickupSlotFactory(cycle=cycle)
    terms, _ = ChannelTerms.objects.get_or_create(hub=cycle.hub, kind=ChannelKind.CONSUMER)
    buyer = UserFactory()
    return Order.objects.create(
        reference=f"T-{cycle.pk}-{buyer.pk}",
        cycle=cycle,
        hub=cycle.hub,
        buyer=buyer,
        channel=terms.kind,
        terms=terms,
        status=status,
        payment_terms=terms.payment_terms,
        structured_communication="+++000/0000/00097+++",
        fulfilment_method=FulfilmentMethod.PICKUP,
        pickup_slot=slot,
        idempotency_key=f"test-{buyer.pk}",
        placed_at=timezone.now(),
    )
