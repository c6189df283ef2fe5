from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory
from streek.catalog.choices import ChangeReportKind, SalesPointStatus
from streek.catalog.tests.factories import ChangeReportFactory, SalesPointFactory, municipality

pytestmark = pytest.mark.django_db

URL = reverse("web:inventory_dashboard", args=["71053"])


def make_inventory(size: int) -> None:
    """`size` points of each kind: fresh, stale, never verified, proposed; plus open reports."""
    now = timezone.now()
    for _ in range(size):
        SalesPointFactory(last_verified_at=now)
        stale = SalesPointFactory(last_verified_at=now - timedelta(days=400))
        SalesPointFactory(last_verified_at=None)
        proposed = SalesPointFactory(status=SalesPointStatus.PROPOSED)
        ChangeReportFactory(sales_point=stale, proposed_changes={"hours_note": "Elke dag"})
        ChangeReportFactory(sales_point=proposed, kind=ChangeReportKind.NEW_POINT)


def test_officer_sees_the_counts() -> None:
    # given
    officer = OfficerFactory().user
    make_inventory(2)
    SalesPointFactory(status=SalesPointStatus.CLOSED)
    client = Client()
    client.force_login(officer)

    # when
    response = client.get(URL)

    # then
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.active, counts.stale, counts.open_reports, counts.proposals) == (6, 4, 2, 2)
    assert response.context["page"].paginator.count == 9


def test_platform_admin_sees_any_inventory() -> None:
    client = Client()
    client.force_login(AdminUserFactory())

    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("who", ["other_officer", "producer"])
def test_others_get_404(who: str) -> None:
    user = (
        OfficerFactory(municipality=municipality("44021")).user if who == "other_officer" else MembershipFactory().user
    )
    client = Client()
    client.force_login(user)

    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in() -> None:
    response = Client().get(URL)

    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_unknown_municipality_is_404() -> None:
    client = Client()
    client.force_login(AdminUserFactory())

    assert client.get(reverse("web:inventory_dashboard", args=["00000"])).status_code == 404


def test_filters_narrow_the_list() -> None:
    officer = OfficerFactory().user
    SalesPointFactory(name="Appelhoeve", type="farm_shop", last_verified_at=timezone.now())
    SalesPointFactory(name="Eierautomaat", type="vending_machine", last_verified_at=None)
    client = Client()
    client.force_login(officer)

    def names(query: dict[str, str]) -> list[str]:
        return [p.name for p in client.get(URL, query).context["page"].object_list]

    assert names({"q": "appel"}) == ["Appelhoeve"]
    assert names({"type": "vending_machine"}) == ["Eierautomaat"]
    assert names({"stale": "on"}) == ["Eierautomaat"]
    assert names({"status": "closed"}) == []


def test_stale_tab_lists_never_verified_first() -> None:
    officer = OfficerFactory().user
    SalesPointFactory(name="Oud", last_verified_at=timezone.now() - timedelta(days=500))
    SalesPointFactory(name="Nooit", last_verified_at=None)
    SalesPointFactory(name="Vers", last_verified_at=timezone.now())
    client = Client()
    client.force_login(officer)

    response = client.get(URL, {"tab": "stale"})

    assert [p.name for p in response.context["page"].object_list] == ["Nooit", "Oud"]


def test_reports_and_proposals_tabs_show_their_work() -> None:
    officer = OfficerFactory().user
    point = SalesPointFactory(name="Hoeve Bos", hours_note="")
    ChangeReportFactory(sales_point=point, proposed_changes={"hours_note": "Zaterdag"})
    proposed = SalesPointFactory(name="Nieuwe automaat", status=SalesPointStatus.PROPOSED)
    ChangeReportFactory(sales_point=proposed, kind=ChangeReportKind.NEW_POINT, message="Graag opnemen")
    client = Client()
    client.force_login(officer)

    reports = client.get(URL, {"tab": "reports"})
    proposals = client.get(URL, {"tab": "proposed"})

    assert reports.status_code == 200
    assert "Hoeve Bos" in reports.content.decode()
    assert "Zaterdag" in reports.content.decode()
    assert proposals.status_code == 200
    assert "Nieuwe automaat" in proposals.content.decode()
    assert "Graag opnemen" in proposals.content.decode()


@pytest.mark.parametrize("tab", ["all", "stale", "reports", "proposed"])
def test_query_count_does_not_grow_with_the_data(tab: str, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    officer = OfficerFactory().user
    client = Client()
    client.force_login(officer)
    # session, user, municipality, guard (municipality, officer), two counts, then the list
    expected = {"all": 9, "stale": 9, "reports": 8, "proposed": 9}[tab]

    make_inventory(1)
    with django_assert_num_queries(expected):
        assert client.get(URL, {"tab": tab}).status_code == 200

    make_inventory(12)
    with django_assert_num_queries(expected):
        assert client.get(URL, {"tab": tab}).status_code == 200
