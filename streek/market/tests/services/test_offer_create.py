from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import PostStatus, Recurrence
from streek.market.models import Match, Offer
from streek.market.services.posts import offer_create
from streek.market.tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


def _create(**overrides):  # type: ignore[no-untyped-def]
    fields: dict[str, Any] = {
        "organisation": OrganisationFactory(kind=OrganisationKind.PRODUCER),
        "actor": UserFactory(),
        "product_type": "carrot",
        "unit": "Kilogram",
        "title": "Wortelen",
        "quantity": Decimal("50"),
        "recurrence": Recurrence.WEEKLY,
        "starts_on": timezone.localdate(),
        "ends_on": timezone.localdate() + timedelta(days=90),
    }
    fields.update(overrides)
    return offer_create(**fields)


def test_an_offer_is_posted_at_its_organisation_and_matched_at_once() -> None:
    # given a request for carrots nearby
    request = RequestFactory()

    # when
    offer = _create(label_keys=["Organic-EU"], spec=["washed"], price=Decimal("1.20"))

    # then
    offer.refresh_from_db()
    assert offer.status == PostStatus.ACTIVE
    assert offer.product_type.key == "carrot"
    assert (offer.lat, offer.lon) == (offer.organisation.municipality.lat, offer.organisation.municipality.lon)
    assert [label.key for label in offer.labels.all()] == ["Organic-EU"]
    assert offer.spec == ["washed"]
    assert offer.expires_at <= timezone.now() + timedelta(days=30, seconds=5)
    assert offer.matched_at is not None
    assert Match.objects.filter(offer=offer, request=request).exists()


def test_a_surplus_offer_expires_within_a_week() -> None:
    offer = _create(is_surplus=True)

    assert offer.expires_at <= timezone.now() + timedelta(days=7, seconds=5)


def test_a_school_cannot_post_an_offer() -> None:
    with pytest.raises(ValidationError) as error:
        _create(organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL))

    assert "organisation" in error.value.message_dict
    assert Offer.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"product_type": "unicorn"}, "product_type"),
        ({"unit": "Euro"}, "unit"),
        ({"label_keys": ["Nope"]}, "labels"),
        ({"spec": ["polished"]}, "spec"),
        ({"quantity": Decimal("0")}, "quantity"),
        ({"ends_on": timezone.localdate() - timedelta(days=1)}, "ends_on"),
    ],
)
def test_invalid_offers_are_refused_and_nothing_is_stored(overrides: dict, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _create(**overrides)

    assert field in error.value.message_dict
    assert Offer.objects.count() == 0


def test_unknown_fields_are_a_programming_error() -> None:
    with pytest.raises(TypeError):
        _create(colour="orange")


@pytest.mark.parametrize(
    ("overrides", "constraint"),
    [
        ({"starts_on": timezone.localdate() + timedelta(days=10), "ends_on": timezone.localdate()}, "period_order"),
        ({"lat": 95.0, "lon": 4.0}, "lat_range"),
    ],
)
def test_offers_breaking_a_check_constraint_are_refused_in_one_query(
    overrides: dict, constraint: str, django_assert_max_num_queries: Any
) -> None:
    # given
    organisation = OrganisationFactory(kind=OrganisationKind.PRODUCER)

    # when the constraints are checked (all of them in one query, not one each)
    with pytest.raises(ValidationError) as error, django_assert_max_num_queries(12):
        _create(organisation=organisation, actor=None, **overrides)

    # then
    assert constraint in " ".join(error.value.message_dict["__all__"])
    assert Offer.objects.count() == 0
