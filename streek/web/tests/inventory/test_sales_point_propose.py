import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.choices import ChangeReportKind, SalesPointSource, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.tests.factories import OrganisationFactory

from .helpers import client_for

pytestmark = pytest.mark.django_db

URL = reverse("web:sales_point_propose")


def proposal(organisation_id: int, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": organisation_id,
        "name": "Eierautomaat Hoeve Bos",
        "type": "vending_machine",
        "street": "Kerkstraat 5",
        "postal_code": "3800",
        "locality": "Sint-Truiden",
        "country": "BE",
        "lat": "",
        "lon": "",
        "position_exact": "0",
        "categories": ["meat-product"],
        "hours_note": "Elke dag 7-21",
        "message": "Nieuwe automaat",
    }
    data.update(overrides)
    return data


def test_owner_sees_the_form() -> None:
    membership = MembershipFactory(role=MembershipRole.OWNER)

    response = client_for(membership.user).get(URL, {"organisation": membership.organisation_id})

    assert response.status_code == 200
    assert 'id="location-map"' in response.content.decode()


def test_owner_proposes_a_point_for_the_municipality() -> None:
    membership = MembershipFactory(role=MembershipRole.MANAGER)

    response = client_for(membership.user).post(
        URL, proposal(membership.organisation_id, lat="50.8201", lon="5.1902", position_exact="1"), follow=True
    )

    point = SalesPoint.objects.get(name="Eierautomaat Hoeve Bos")
    assert response.redirect_chain[-1][0] == reverse("web:dashboard")
    assert point.status == SalesPointStatus.PROPOSED
    assert point.source == SalesPointSource.PRODUCER
    assert point.operator_id == membership.organisation_id
    assert point.municipality.code == "71053"
    assert (point.lat, point.lon, point.position_exact) == (50.8201, 5.1902, True)
    assert point.change_reports.get().kind == ChangeReportKind.NEW_POINT
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert "Sint-Truiden" in str(list(response.context["messages"])[0])


def test_without_a_position_the_postal_code_gives_an_approximate_one() -> None:
    membership = MembershipFactory()

    client_for(membership.user).post(URL, proposal(membership.organisation_id))

    point = SalesPoint.objects.get()
    assert point.position_exact is False
    assert point.lat == pytest.approx(50.8168, abs=0.01)


def test_unknown_postal_code_shows_an_error_and_creates_nothing() -> None:
    membership = MembershipFactory()

    response = client_for(membership.user).post(
        URL, proposal(membership.organisation_id, postal_code="0000", locality="")
    )

    assert response.status_code == 400
    assert "postal_code" in response.context["form"].errors
    assert not SalesPoint.objects.exists()


def test_staff_member_gets_403_and_nothing_is_created() -> None:
    membership = MembershipFactory(role=MembershipRole.STAFF)

    assert client_for(membership.user).get(URL, {"organisation": membership.organisation_id}).status_code == 403
    assert client_for(membership.user).post(URL, proposal(membership.organisation_id)).status_code == 403
    assert not SalesPoint.objects.exists()


def test_non_member_gets_403_and_unknown_organisation_404() -> None:
    organisation = OrganisationFactory()
    client = client_for(UserFactory())

    assert client.get(URL, {"organisation": organisation.pk}).status_code == 403
    assert client.get(URL, {"organisation": 987654}).status_code == 404
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in() -> None:
    organisation = OrganisationFactory()

    response = Client().get(URL, {"organisation": organisation.pk})

    assert response.status_code == 302
