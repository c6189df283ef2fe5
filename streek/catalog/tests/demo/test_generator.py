"""The demo region generator: complete, plausible, inside the region, and idempotent."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, OfficerAssignment, User
from streek.catalog.choices import Allergen, OrganisationKind, SalesPointStatus, SalesPointType, VatRate
from streek.catalog.demo.generator import DemoResult, demo_delete, demo_load
from streek.catalog.demo.names import CUSTOM_REGIONS, DEMO_MUNICIPALITIES
from streek.catalog.demo.users import DEMO_PASSWORD, DEMO_USERS
from streek.catalog.models import (
    Event,
    OpeningRule,
    Organisation,
    OrganisationLabel,
    Product,
    SalesPoint,
    Variant,
)
from streek.catalog.validators import normalise_enterprise_number
from streek.core.geo import Point, haversine_km
from streek.territory.models import CustomRegion

NOW = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)
MAKERS = (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR)


@pytest.fixture(scope="module")
def demo_region(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoResult]:
    """The demo is built once for this module (it takes seconds) and removed afterwards."""
    with django_db_blocker.unblock():
        result = demo_load(now=NOW)
        yield result
        demo_delete()
        CustomRegion.objects.filter(slug__in=[slug for _name, slug, _text, _members in CUSTOM_REGIONS]).delete()


def _snapshot() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "sales_points": SalesPoint.objects.count(),
        "products": Product.objects.count(),
        "variants": Variant.objects.count(),
        "opening_rules": OpeningRule.objects.count(),
        "events": Event.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "officers": OfficerAssignment.objects.count(),
        "regions": CustomRegion.objects.count(),
    }


@pytest.mark.django_db
def test_demo_load_creates_the_expected_region(demo_region: DemoResult) -> None:
    # given an empty catalogue, when the demo is loaded
    result = demo_region

    # then about 60 organisations and 150 sales points exist, all marked as demo data
    assert result.created
    assert 55 <= Organisation.objects.filter(is_demo=True).count() <= 70
    assert 140 <= SalesPoint.objects.filter(is_demo=True).count() <= 160
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not SalesPoint.objects.filter(is_demo=False).exists()
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).count() == len(DEMO_MUNICIPALITIES)
    assert Organisation.objects.filter(kind=OrganisationKind.HUB).count() == 2
    for kind in OrganisationKind.values:
        assert Organisation.objects.filter(kind=kind).exists(), kind
    assert set(CustomRegion.objects.values_list("slug", flat=True)) == {"haspengouw", "noord-limburg"}
    assert OrganisationLabel.objects.filter(facet__key="Organic-EU", certificate_number__contains=" / ").exists()
    assert Event.objects.filter(is_demo=True).count() >= 8 * 9


@pytest.mark.django_db
def test_demo_load_covers_every_sales_point_type_and_status(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then all twelve types occur, most points are active, three are proposed
    assert set(SalesPoint.objects.values_list("type", flat=True)) == set(SalesPointType.values)
    assert SalesPoint.objects.filter(status=SalesPointStatus.PROPOSED).count() == 3
    assert SalesPoint.objects.filter(status=SalesPointStatus.TEMPORARILY_CLOSED).exists()
    assert SalesPoint.objects.filter(status=SalesPointStatus.CLOSED).exists()
    assert SalesPoint.objects.filter(status=SalesPointStatus.ACTIVE).count() > 130
    assert SalesPoint.objects.filter(operator__isnull=True).exists()
    assert SalesPoint.objects.filter(type=SalesPointType.PICKUP_POINT, cooled=True).exists()


@pytest.mark.django_db
def test_every_sales_point_lies_near_its_demo_municipality(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then each point is in a demo municipality, within 10 km of its point
    for point in SalesPoint.objects.select_related("municipality"):
        municipality = point.municipality
        assert municipality.name_nl in DEMO_MUNICIPALITIES
        assert municipality.lat is not None and municipality.lon is not None
        distance = haversine_km(Point(point.lat, point.lon), Point(municipality.lat, municipality.lon))
        assert distance < 10, (point.name, distance)


@pytest.mark.django_db
def test_verification_dates_spread_over_two_years(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then some points are stale (older than 12 months), most are fresh, proposed ones are unverified
    verified = SalesPoint.objects.exclude(status=SalesPointStatus.PROPOSED)
    stale = verified.filter(last_verified_at__lt=NOW - timedelta(days=365)).count()
    assert 0 < stale < verified.count() / 2
    assert not verified.filter(last_verified_at__lt=NOW - timedelta(days=731)).exists()
    assert not verified.filter(last_verified_by__isnull=True).exists()
    assert not SalesPoint.objects.filter(status=SalesPointStatus.PROPOSED, last_verified_at__isnull=False).exists()


@pytest.mark.django_db
def test_opening_rules_follow_the_type(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then self-harvest is seasonal, vending machines open daily, markets one day a week
    harvest = OpeningRule.objects.filter(sales_point__type=SalesPointType.SELF_HARVEST)
    assert harvest.exists()
    assert not harvest.filter(season_start__isnull=True).exists()
    assert not harvest.exclude(season_name="").filter(season_start__lt=401).exists()
    for machine in SalesPoint.objects.filter(type=SalesPointType.VENDING_MACHINE, status=SalesPointStatus.ACTIVE):
        assert set(machine.opening_rules.values_list("weekday", flat=True)) == set(range(7))
    for market in SalesPoint.objects.filter(type=SalesPointType.FARMERS_MARKET):
        assert market.opening_rules.values("weekday").distinct().count() == 1


@pytest.mark.django_db
def test_products_are_plausible(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then each producer and processor offers 3 to 10 products with priced variants and the right VAT
    for organisation in Organisation.objects.filter(kind__in=MAKERS):
        assert 3 <= organisation.products.count() <= 10, organisation.name
    assert not Product.objects.filter(variants__isnull=True).exists()
    belgian = Variant.objects.filter(product__organisation__country__code="BE").exclude(vat_rate=VatRate.STANDARD_21)
    dutch = Variant.objects.filter(product__organisation__country__code="NL").exclude(vat_rate=VatRate.STANDARD_21)
    assert set(belgian.values_list("vat_rate", flat=True)) == {Decimal(VatRate.BE_6)}
    assert set(dutch.values_list("vat_rate", flat=True)) == {Decimal(VatRate.NL_9)}
    cherries = Product.objects.filter(product_type__key="cherry").first()
    assert cherries is not None and set(cherries.months) <= {6, 7}
    allergens = {allergen for product in Product.objects.all() for allergen in product.allergens}
    assert {"milk", "gluten", "eggs"} <= allergens
    assert allergens <= set(Allergen.values)
    assert Product.objects.filter(energy_kj__isnull=False).exists()


@pytest.mark.django_db
def test_demo_objects_pass_model_validation(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then the rows satisfy the models' own validation
    for organisation in Organisation.objects.all():
        organisation.full_clean()
    for model in (SalesPoint, Product, OpeningRule, Event, OrganisationLabel, Variant):  # every 7th: full_clean is slow
        for row in list(model.objects.all())[::7]:
            row.full_clean()


@pytest.mark.django_db
def test_enterprise_numbers_validate(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then every organisation has a valid, distinct KBO/BCE or KvK number in canonical form
    numbers = list(Organisation.objects.values_list("country__code", "enterprise_number"))
    assert all(number for _country, number in numbers)
    for country, number in numbers:
        assert normalise_enterprise_number(country, number) == number
    assert len({number for _country, number in numbers}) == len(numbers)


@pytest.mark.django_db
def test_demo_users_have_their_roles(demo_region: DemoResult) -> None:
    # given the loaded demo

    # then every demo login exists with the shared password and its membership or officer assignments
    users = {u.username: u for u in User.objects.all()}
    assert set(users) == {spec.username for spec in DEMO_USERS}
    assert users["admin"].is_superuser
    assert users["bewoner"].check_password(DEMO_PASSWORD)
    assert all(user.language == "nl" and user.email.endswith("@demo.streek.local") for user in users.values())
    officer = users["ambtenaar.sinttruiden"]
    assert set(officer.officer_assignments.values_list("municipality__name_nl", flat=True)) == {
        "Sint-Truiden",
        "Gingelom",
    }
    assert list(users["ambtenaar.venlo"].officer_assignments.values_list("municipality__name_nl", flat=True)) == [
        "Venlo"
    ]
    farmer = Membership.objects.get(user=users["boer.fruit"])
    assert farmer.role == MembershipRole.OWNER
    assert farmer.organisation.kind == OrganisationKind.PRODUCER
    assert Membership.objects.get(user=users["verwerker.sap"]).organisation.kind == OrganisationKind.PROCESSOR
    assert Membership.objects.get(user=users["hub.haspengouw"]).organisation.kind == OrganisationKind.HUB
    assert Membership.objects.get(user=users["keuken.zorg"]).organisation.kind == OrganisationKind.CARE
    assert not Membership.objects.filter(user=users["bewoner"]).exists()


@pytest.mark.django_db
def test_demo_load_twice_does_not_duplicate(demo_region: DemoResult) -> None:
    # given a loaded demo
    before = _snapshot()

    # when it is loaded again
    result = demo_load(now=NOW)

    # then nothing is added
    assert not result.created
    assert _snapshot() == before


@pytest.mark.django_db
def test_reset_rebuilds_the_same_demo(demo_region: DemoResult) -> None:
    # given a loaded demo
    before = _snapshot()
    names = sorted(SalesPoint.objects.values_list("name", "slug", "lat", "lon"))

    # when it is reset
    result = demo_load(now=NOW, reset=True)

    # then the same demo is there again, once
    assert result.created
    assert _snapshot() == before
    assert sorted(SalesPoint.objects.values_list("name", "slug", "lat", "lon")) == names


@pytest.mark.django_db
def test_a_real_user_with_a_demo_name_is_left_alone(demo_region: DemoResult) -> None:
    # given no demo yet and a real admin account named like a demo user
    demo_delete()
    real = User.objects.create_user(username="admin", email="it@stad.be", password="secret-of-the-city")

    # when the demo is loaded and then reset
    first = demo_load(now=NOW)
    demo_load(now=NOW, reset=True)

    # then the real account keeps its email and password
    real.refresh_from_db()
    assert first.skipped_users == ["admin"]
    assert real.email == "it@stad.be"
    assert real.check_password("secret-of-the-city")
