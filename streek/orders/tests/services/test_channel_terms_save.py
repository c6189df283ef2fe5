from datetime import time
from decimal import Decimal

import pytest

from streek.accounts.choices import MembershipRole
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import ChannelKind, PaymentTerms, Preparation, PriceRule
from streek.orders.models import ChannelTerms
from streek.orders.services.channels import channel_terms_save
from streek.orders.tests.factories import ChannelTermsFactory, HubFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_channel_terms_save_creates_the_terms_of_a_business_channel():
    hub = HubFactory()
    owner = member_of(hub)

    terms = channel_terms_save(
        actor=owner,
        hub=hub,
        kind=ChannelKind.HORECA,
        price_rule=PriceRule.MARKUP,
        markup_percent="12,5",
        minimum_order_value=Decimal("150"),
        delivery_weekdays=[4, 1, 1],
        cutoff_days_before=1,
        cutoff_time=time(12, 0),
        preparations=[Preparation.CUT, Preparation.BULK],
        payment_terms=PaymentTerms.NET_30,
    )

    terms.refresh_from_db()
    assert terms.hub == hub
    assert terms.kind == ChannelKind.HORECA
    assert terms.markup_percent == Decimal("12.50")
    assert terms.minimum_order_value == Decimal("150.00")
    assert terms.delivery_weekdays == [1, 4]
    assert terms.cutoff_time == time(12, 0)
    assert terms.preparations == [Preparation.BULK, Preparation.CUT]
    assert terms.payment_terms == PaymentTerms.NET_30


def test_channel_terms_save_changes_the_existing_terms_of_that_channel():
    terms = ChannelTermsFactory(kind=ChannelKind.CARE)

    saved = channel_terms_save(
        actor=member_of(terms.hub, MembershipRole.MANAGER), hub=terms.hub, kind=ChannelKind.CARE, is_active=False
    )

    assert saved.pk == terms.pk
    assert ChannelTerms.objects.get(pk=terms.pk).is_active is False
    assert ChannelTerms.objects.filter(hub=terms.hub).count() == 1


def test_channel_terms_save_lets_a_producer_sell_alone():
    farm = OrganisationFactory(kind=OrganisationKind.PRODUCER)

    terms = channel_terms_save(actor=member_of(farm), hub=farm, kind=ChannelKind.CONSUMER)

    assert terms.hub == farm


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"delivery_weekdays": [7]}, "delivery_weekdays"),
        ({"delivery_weekdays": "monday"}, "delivery_weekdays"),
        ({"preparations": ["frozen"]}, "preparations"),
        ({"markup_percent": "a lot"}, "markup_percent"),
        ({"markup_percent": Decimal("900")}, "markup_percent"),
        ({"minimum_order_value": Decimal("-1")}, "minimum_order_value"),
        ({"cutoff_days_before": 30}, "cutoff_days_before"),
        ({"colour": "green"}, None),
    ],
)
def test_channel_terms_save_refuses_wrong_values_and_changes_nothing(fields, field):
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA, minimum_order_value=Decimal("50"))

    with pytest.raises(ApplicationError) as error:
        channel_terms_save(actor=member_of(terms.hub), hub=terms.hub, kind=ChannelKind.HORECA, **fields)

    if field:
        assert error.value.extra["field"] == field
    terms.refresh_from_db()
    assert terms.minimum_order_value == Decimal("50.00")
    assert terms.delivery_weekdays == []
    assert terms.markup_percent == Decimal("0")


def test_channel_terms_save_refuses_an_unknown_channel():
    hub = HubFactory()

    with pytest.raises(ApplicationError, match="wholesale"):
        channel_terms_save(actor=member_of(hub), hub=hub, kind="wholesale")

    assert not ChannelTerms.objects.exists()


def test_channel_terms_save_refuses_an_organisation_that_does_not_sell():
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)

    with pytest.raises(ApplicationError):
        channel_terms_save(actor=member_of(school), hub=school, kind=ChannelKind.CONSUMER)

    assert not ChannelTerms.objects.exists()


def test_channel_terms_save_refuses_staff_and_changes_nothing():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)

    with pytest.raises(PermissionRefused):
        channel_terms_save(
            actor=member_of(terms.hub, MembershipRole.STAFF), hub=terms.hub, kind=ChannelKind.HORECA, is_active=False
        )

    assert ChannelTerms.objects.get(pk=terms.pk).is_active is True
