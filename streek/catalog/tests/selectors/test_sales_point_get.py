from datetime import time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from streek.catalog.models import SalesPoint
from streek.catalog.selectors.compiled_query import CompiledQuery
from streek.catalog.selectors.sales_points import sales_point_get
from streek.catalog.tests.factories import (
    ClosurePeriodFactory,
    EventFactory,
    OpeningRuleFactory,
    OrganisationFactory,
    OrganisationLabelFactory,
    ProductFactory,
    SalesPointFactory,
    concept,
)
from streek.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def _full_point() -> SalesPoint:
    point = SalesPointFactory(operator=OrganisationFactory())
    OpeningRuleFactory(sales_point=point, weekday=5, opens=time(9), closes=time(12))
    OpeningRuleFactory(sales_point=point, weekday=2, opens=time(14), closes=time(18), season_start=501, season_end=930)
    today = timezone.localdate()
    ClosurePeriodFactory(sales_point=point, start_date=today, end_date=today + timedelta(days=3), reason="Verlof")
    point.categories.add(concept("product_type", "vegetable"), concept("product_type", "fruit"))
    point.labels.add(concept("facet", "Organic-EU"))
    return point


def _flags(point: SalesPoint) -> tuple[bool, bool, bool]:
    return tuple(getattr(point, name) for name in ("may_have_events", "operator_has_labels", "operator_has_products"))  # type: ignore[return-value]


def _fields(objects: Any, *names: str) -> list[tuple[Any, ...]]:
    return [tuple(getattr(o, name) for name in names) for o in objects]


def test_gives_the_point_with_the_relations_the_orm_gives() -> None:
    point = _full_point()
    reference = SalesPoint.objects.prefetch_related("opening_rules", "closures", "categories", "labels").get(
        pk=point.pk
    )

    got = sales_point_get(slug=point.slug)

    assert got.pk == point.pk and got.name == point.name and got.payment_methods == point.payment_methods
    assert got.municipality == point.municipality and got.operator == point.operator
    rule_fields = ("pk", "weekday", "opens", "closes", "season_start", "season_end", "season_name", "sales_point_id")
    assert _fields(got.opening_rules.all(), *rule_fields) == _fields(reference.opening_rules.all(), *rule_fields)
    closure_fields = ("pk", "start_date", "end_date", "reason", "sales_point_id")
    assert _fields(got.closures.all(), *closure_fields) == _fields(reference.closures.all(), *closure_fields)
    concept_fields = ("pk", "key", "label_nl", "label_fr", "label_en")
    assert sorted(_fields(got.categories.all(), *concept_fields)) == sorted(
        _fields(reference.categories.all(), *concept_fields)
    )
    assert _fields(got.labels.all(), *concept_fields) == _fields(reference.labels.all(), *concept_fields)
    assert all(not rule._state.adding for rule in got.opening_rules.all())


def test_takes_one_query_on_postgresql_and_four_elsewhere(django_assert_num_queries: Any) -> None:
    point = _full_point()
    expected = 1 if connection.vendor == "postgresql" else 4

    with django_assert_num_queries(expected):
        got = sales_point_get(slug=point.slug)
        list(got.opening_rules.all()), list(got.closures.all()), list(got.categories.all()), list(got.labels.all())
        assert (got.municipality.province, got.operator) is not None


def test_flags_say_there_is_nothing_to_ask_for() -> None:
    point = SalesPointFactory(operator=OrganisationFactory())
    EventFactory(
        sales_point=point, starts_at=timezone.now() - timedelta(days=5), ends_at=timezone.now() - timedelta(days=4)
    )
    ProductFactory(organisation=point.operator, is_active=False)

    got = sales_point_get(slug=point.slug)

    assert _flags(got) == (False, False, False)


def test_flags_say_there_are_events_labels_and_products() -> None:
    point = SalesPointFactory(operator=OrganisationFactory())
    EventFactory(sales_point=point)
    OrganisationLabelFactory(organisation=point.operator)
    ProductFactory(organisation=point.operator)

    got = sales_point_get(slug=point.slug)

    assert _flags(got) == (True, True, True)


def test_an_event_that_runs_now_counts() -> None:
    point = SalesPointFactory()
    EventFactory(
        sales_point=point, starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() + timedelta(hours=1)
    )

    assert _flags(sales_point_get(slug=point.slug))[0] is True


@pytest.mark.parametrize("status", ["proposed", "closed", "rejected"])
def test_non_public_points_only_when_asked(status: str) -> None:
    point = SalesPointFactory(status=status)

    with pytest.raises(NotFound):
        sales_point_get(slug=point.slug)
    assert sales_point_get(slug=point.slug, public=False).pk == point.pk


def test_unknown_slug_is_not_found() -> None:
    SalesPointFactory()

    with pytest.raises(NotFound):
        sales_point_get(slug="no-such-point")


def test_compiled_query_gives_what_the_queryset_gives() -> None:
    points = [SalesPointFactory(operator=OrganisationFactory()) for _ in range(3)]
    query = CompiledQuery[SalesPoint](
        lambda slug: SalesPoint.objects.select_related("municipality", "operator").filter(slug=slug),
        {"slug": "<marker>"},
    )

    for point in points:
        (got,) = query.rows(connection.alias, slug=point.slug)
        assert (got.pk, got.name, got.municipality.name, got.operator.name) == (  # type: ignore[union-attr]
            point.pk,
            point.name,
            point.municipality.name,
            point.operator.name,
        )
    assert query.rows(connection.alias, slug="no-such-point") == []


def test_compiled_query_refuses_a_marker_that_is_not_a_parameter() -> None:
    query = CompiledQuery[SalesPoint](lambda slug: SalesPoint.objects.all(), {"slug": "<marker>"})

    with pytest.raises(ValueError, match="slug"):
        query.rows(connection.alias, slug="x")
