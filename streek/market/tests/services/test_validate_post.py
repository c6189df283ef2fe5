import random
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import CheckConstraint, F, Q
from django.db.models.functions import Lower

from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.models import Offer, Request
from streek.market.services.post_validation import (
    _checks_in_database,
    _checks_passed,
    _known_foreign_keys,
    _Unsupported,
    evaluate,
)
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _checks(model: Any) -> list[CheckConstraint]:
    return [c for c in model._meta.constraints if isinstance(c, CheckConstraint)]


def _random_offer(rng: random.Random, base: Offer) -> Offer:
    offer = Offer(**{f.attname: getattr(base, f.attname) for f in Offer._meta.concrete_fields})
    offer.quantity = rng.choice([Decimal("-1"), Decimal("0"), Decimal("0.001"), Decimal("12.5")])
    offer.quantity_claimed = rng.choice([Decimal("-0.5"), Decimal("0"), Decimal("12.5"), Decimal("13")])
    offer.price = rng.choice([None, Decimal("-0.01"), Decimal("0"), Decimal("2.50")])
    offer.lat = rng.choice([-91.0, -90.0, 50.8, 90.0, 90.5])
    offer.lon = rng.choice([-180.5, -180.0, 5.1, 180.0, 181.0])
    offer.starts_on = date(2026, 11, 1) + timedelta(days=rng.randint(0, 4))
    offer.ends_on = rng.choice([None, date(2026, 11, 1), date(2026, 11, 3), date(2026, 12, 1)])
    return offer


def _random_request(rng: random.Random, base: Request) -> Request:
    request = Request(**{f.attname: getattr(base, f.attname) for f in Request._meta.concrete_fields})
    request.budget = rng.choice([None, Decimal("-1"), Decimal("0"), Decimal("100")])
    request.max_distance_km = rng.choice([0, 1, 50, 250, 251, 400])
    request.delivery_time_from = rng.choice([None, time(8), time(10)])
    request.delivery_time_until = rng.choice([None, time(8), time(9), time(12)])
    request.quantity = rng.choice([Decimal("0"), Decimal("5")])
    request.ends_on = rng.choice([None, request.starts_on - timedelta(days=1), request.starts_on])
    return request


def test_the_check_constraints_evaluated_in_python_agree_with_the_database() -> None:
    # given many posts with values on both sides of every check constraint, NULLs included
    rng = random.Random(4)
    offer_base, request_base = OfferFactory.build(), RequestFactory.build()
    posts: list[Offer | Request] = [_random_offer(rng, offer_base) for _ in range(60)]
    posts += [_random_request(rng, request_base) for _ in range(60)]

    for post in posts:
        checks = _checks(type(post))
        # when / then: the same verdict per constraint as the database's own evaluation
        assert _checks_passed(post, checks) == _checks_in_database(post, checks)


def test_python_evaluation_follows_sql_three_valued_logic() -> None:
    offer = OfferFactory.build(price=None, ends_on=None)

    assert evaluate(offer, Q(price__gte=0)) is None  # NULL compared: unknown
    assert evaluate(offer, ~Q(price__gte=0)) is None
    assert evaluate(offer, Q(price__isnull=True) | Q(price__gte=0)) is True
    assert evaluate(offer, Q(price__gte=0) & Q(quantity__lt=0)) is False
    assert evaluate(offer, Q(ends_on__gte=F("starts_on"))) is None


@pytest.mark.parametrize(
    "condition",
    [Q(organisation__name="x"), Q(title__icontains="x"), Q(Lower("title")), Q(title__in=["a"])],
)
def test_conditions_it_cannot_evaluate_are_left_to_the_database(condition: Q) -> None:
    offer = OfferFactory.build()

    with pytest.raises(_Unsupported):
        evaluate(offer, condition)


def test_foreign_keys_in_hand_from_the_database_are_not_looked_up_again() -> None:
    # given an organisation and concepts loaded from the database, and a municipality that is not the organisation's
    organisation = OrganisationFactory()
    offer = Offer(
        organisation=organisation,
        product_type=concept("product_type", "carrot"),
        unit=concept("measure", "Kilogram"),
    )
    offer.municipality_id = organisation.municipality_id

    # then
    assert set(_known_foreign_keys(offer)) == {"organisation", "product_type", "unit", "municipality"}


def test_foreign_keys_not_known_to_exist_or_outside_their_choices_are_still_checked() -> None:
    organisation = OrganisationFactory.build()  # not saved
    offer = Offer(organisation=organisation, product_type=concept("facet", "Organic-EU"))  # not a product type

    assert _known_foreign_keys(offer) == []
