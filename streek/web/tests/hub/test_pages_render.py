"""Every page of the back office renders for an owner (forms, tables) and for a staff member (reading only)."""

import pytest
from django.urls import reverse

from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.choices import AdmissionStatus
from streek.orders.models import Invoice
from streek.orders.services.cycle_close import order_cycle_close
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    ChannelTermsFactory,
    ChannelVariantTermFactory,
    DeliveryZoneFactory,
    HubFeeFactory,
    OrderCycleFactory,
    PickupPointFactory,
    ReturnableCrateFactory,
)
from streek.orders.tests.hub_scenarios import member_of

from .scenario import client_for, trading

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_the_owner_and_the_staff() -> None:
    # given a hub with a closed cycle, an open one, channels, crates, points and zones
    scene = trading(orders=1)
    hub = scene.team.hub
    order_cycle_close(actor=scene.team.owner, cycle=scene.cycle)
    open_cycle = OrderCycleFactory(hub=hub)
    HubFeeFactory(cycle=open_cycle)
    horeca = ChannelTermsFactory(hub=hub, kind="horeca")
    ChannelVariantTermFactory(terms=horeca, crate=ReturnableCrateFactory(hub=hub), units_per_crate=10)
    ChannelAdmissionFactory(terms=horeca, status=AdmissionStatus.REQUESTED)
    point = PickupPointFactory(hub=hub)
    zone = DeliveryZoneFactory(hub=hub)
    invoice = Invoice.objects.get()
    order = scene.orders[0]
    pages = [
        reverse("web:hub_home", args=[hub.pk]),
        reverse("web:hub_cycle_create", args=[hub.pk]),
        reverse("web:hub_cycle", args=[scene.cycle.pk]),
        reverse("web:hub_cycle", args=[open_cycle.pk]),
        reverse("web:hub_cycle_edit", args=[open_cycle.pk]),
        reverse("web:hub_cycle_clone", args=[open_cycle.pk]),
        reverse("web:hub_cycle_series", args=[open_cycle.pk]),
        reverse("web:hub_cycle_offers", args=[scene.cycle.pk, scene.farmer.pk]),
        reverse("web:hub_cycle_orders", args=[scene.cycle.pk]),
        reverse("web:hub_order", args=[order.pk]),
        reverse("web:hub_cycle_report", args=[scene.cycle.pk]),
        reverse("web:hub_cycle_close", args=[scene.cycle.pk]),
        reverse("web:hub_cycle_close", args=[open_cycle.pk]),
        reverse("web:hub_cycle_invoices", args=[scene.cycle.pk]),
        reverse("web:hub_credit_note", args=[invoice.pk]),
        reverse("web:hub_channels", args=[hub.pk]),
        reverse("web:hub_channel_terms", args=[hub.pk, "horeca"]),
        reverse("web:hub_channel_terms", args=[hub.pk, "care"]),
        reverse("web:hub_channel_prices", args=[horeca.pk]),
        reverse("web:hub_channel_admissions", args=[horeca.pk]),
        reverse("web:hub_crates", args=[hub.pk]),
        reverse("web:hub_outgoing", args=[hub.pk]),
        reverse("web:hub_pickup_point_create", args=[hub.pk]),
        reverse("web:hub_pickup_point_edit", args=[hub.pk, point.pk]),
        reverse("web:hub_zone_create", args=[hub.pk]),
        reverse("web:hub_zone_edit", args=[hub.pk, zone.pk]),
    ]
    owner = client_for(scene.team.owner)

    # when / then
    for path in pages:
        response = owner.get(path)
        assert response.status_code == 200, path
        assert b'<main id="main"' in response.content, path
    staff = client_for(scene.team.staff)
    read_only = [path for path in pages if "nieuw" not in path and "bewerken" not in path]
    for path in read_only:
        assert staff.get(path).status_code in (200, 403), path
    assert staff.get(reverse("web:hub_cycle_orders", args=[scene.cycle.pk])).status_code == 200


def test_the_index_lists_several_organisations() -> None:
    user = member_of(OrganisationFactory(kind="hub", name="Hub A"))
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Hoeve B"))

    response = client_for(user).get(reverse("web:hub_index"))

    assert response.status_code == 200
    assert "Hub A" in response.content.decode() and "Hoeve B" in response.content.decode()
