from datetime import time

import pytest
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory

from .helpers import client_for

pytestmark = pytest.mark.django_db


def formset(prefix: str, rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


BLANK_RULE = {"weekday": "", "opens": "", "closes": "", "season_start": "", "season_end": "", "season_name": ""}


def test_hours_page_lists_the_rules() -> None:
    point = SalesPointFactory()
    OpeningRuleFactory(sales_point=point, weekday=5, opens="09:00", closes="12:00")

    response = client_for(OfficerFactory().user).get(reverse("web:inventory_hours", args=[point.pk]))

    assert response.status_code == 200
    assert response.context["rules"].initial_form_count() == 1
    assert 'value="09:00"' in response.content.decode()


def test_hours_are_replaced_with_seasons_in_both_notations() -> None:
    # given
    point = SalesPointFactory()
    OpeningRuleFactory(sales_point=point, weekday=5, opens="09:00", closes="12:00")
    data = {
        **formset(
            "rules",
            [
                {"weekday": "5", "opens": "09:00", "closes": "12:00", "DELETE": "on"},
                {
                    "weekday": "2",
                    "opens": "14:00",
                    "closes": "18:00",
                    "season_start": "01/05",
                    "season_end": "0930",
                    "season_name": "Zomer",
                },
                {"weekday": "5", "opens": "10:00", "closes": "12:30"},
                BLANK_RULE,
            ],
            initial=1,
        ),
        **formset("closures", [{"start_date": "2025-12-24", "end_date": "2026-01-02", "reason": "Feestdagen"}]),
    }

    # when
    response = client_for(OfficerFactory().user).post(reverse("web:inventory_hours", args=[point.pk]), data)

    # then
    assert response.status_code == 302
    rules = sorted(
        (r.weekday, r.opens, r.closes, r.season_start, r.season_end, r.season_name) for r in point.opening_rules.all()
    )
    assert rules == [(2, time(14), time(18), 501, 930, "Zomer"), (5, time(10), time(12, 30), None, None, "")]
    assert [(c.start_date.isoformat(), c.reason) for c in point.closures.all()] == [("2025-12-24", "Feestdagen")]
    assert "opening_rules" in point.revisions.get().changes


def test_bad_hours_show_errors_per_field_and_change_nothing() -> None:
    point = SalesPointFactory()
    OpeningRuleFactory(sales_point=point, weekday=5, opens="09:00", closes="12:00")
    data = {
        **formset(
            "rules",
            [
                {"weekday": "1", "opens": "14:00", "closes": "10:00"},
                {"weekday": "3", "opens": "09:00", "closes": "12:00", "season_start": "31/02", "season_end": "01/10"},
                {"weekday": "4", "opens": "09:00", "closes": "12:00", "season_start": "01/05"},
            ],
        ),
        **formset("closures", [{"start_date": "2025-08-10", "end_date": "2025-08-01"}]),
    }

    response = client_for(OfficerFactory().user).post(reverse("web:inventory_hours", args=[point.pk]), data)

    assert response.status_code == 400
    rules = response.context["rules"]
    assert "closes" in rules.forms[0].errors
    assert "season_start" in rules.forms[1].errors
    assert "season_end" in rules.forms[2].errors
    assert "end_date" in response.context["closures"].forms[0].errors
    assert [(r.weekday, r.opens) for r in point.opening_rules.all()] == [(5, time(9))]
    assert not point.revisions.exists()
