from decimal import Decimal

import pytest

from streek.accounts.choices import MembershipRole
from streek.catalog.tests.factories import VariantFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import ChannelKind
from streek.orders.models import ChannelVariantTerm
from streek.orders.services.channels import channel_price_remove, channel_price_set
from streek.orders.tests.factories import ChannelTermsFactory, ChannelVariantTermFactory, ReturnableCrateFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_channel_price_set_adds_a_row_with_case_minimum_and_crate():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)
    crate = ReturnableCrateFactory(hub=terms.hub)
    variant = VariantFactory()

    row = channel_price_set(
        actor=member_of(terms.hub),
        terms=terms,
        variant=variant,
        price=Decimal("1.80"),
        case_size=6,
        minimum_quantity=12,
        crate=crate,
        units_per_crate=12,
    )

    row.refresh_from_db()
    assert (row.price, row.case_size, row.minimum_quantity, row.crate, row.units_per_crate) == (
        Decimal("1.80"),
        6,
        12,
        crate,
        12,
    )


def test_channel_price_set_replaces_the_row_of_the_same_variant():
    row = ChannelVariantTermFactory(price=Decimal("3.00"))

    channel_price_set(actor=member_of(row.terms.hub), terms=row.terms, variant=row.variant, price=None, case_size=2)

    assert ChannelVariantTerm.objects.count() == 1
    row.refresh_from_db()
    assert row.price is None
    assert row.case_size == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"price": Decimal("-1")}, "price"),
        ({"case_size": 0}, "case_size"),
        ({"minimum_quantity": 0}, "minimum_quantity"),
        ({"case_size": 6, "minimum_quantity": 8}, "minimum_quantity"),
        ({"units_per_crate": 10}, "crate"),
    ],
)
def test_channel_price_set_refuses_wrong_values_and_changes_nothing(kwargs, field):
    row = ChannelVariantTermFactory(price=Decimal("3.00"))
    arguments = {"price": Decimal("2.00"), **kwargs}

    with pytest.raises(ApplicationError) as error:
        channel_price_set(actor=member_of(row.terms.hub), terms=row.terms, variant=row.variant, **arguments)

    assert error.value.extra["field"] == field
    row.refresh_from_db()
    assert (row.price, row.case_size, row.minimum_quantity) == (Decimal("3.00"), 1, 1)


def test_channel_price_set_refuses_a_crate_of_another_hub():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)

    with pytest.raises(ApplicationError, match="another hub"):
        channel_price_set(
            actor=member_of(terms.hub),
            terms=terms,
            variant=VariantFactory(),
            price=None,
            crate=ReturnableCrateFactory(),
            units_per_crate=10,
        )

    assert not ChannelVariantTerm.objects.exists()


def test_channel_price_set_asks_how_many_items_go_in_a_crate():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)

    with pytest.raises(ApplicationError) as error:
        channel_price_set(
            actor=member_of(terms.hub),
            terms=terms,
            variant=VariantFactory(),
            price=None,
            crate=ReturnableCrateFactory(hub=terms.hub),
        )

    assert error.value.extra["field"] == "units_per_crate"
    assert not ChannelVariantTerm.objects.exists()


def test_channel_price_set_refuses_hub_staff():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)

    with pytest.raises(PermissionRefused):
        channel_price_set(
            actor=member_of(terms.hub, MembershipRole.STAFF), terms=terms, variant=VariantFactory(), price=None
        )

    assert not ChannelVariantTerm.objects.exists()


def test_channel_price_remove_deletes_the_row():
    row = ChannelVariantTermFactory()

    channel_price_remove(actor=member_of(row.terms.hub), variant_term=row)

    assert not ChannelVariantTerm.objects.exists()
