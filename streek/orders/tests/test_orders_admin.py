import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from streek.accounts.tests.factories import AdminUserFactory
from streek.orders.choices import OrderStatus
from streek.orders.models import CycleOffer, Invoice, Order
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    ChannelVariantTermFactory,
    CycleOfferFactory,
    DeliveryZoneFactory,
    HubFeeFactory,
    PickupSlotFactory,
    ReturnableCrateFactory,
)
from streek.orders.tests.hub_scenarios import placed_order

pytestmark = pytest.mark.django_db


def test_every_orders_model_is_in_the_admin():
    missing = [
        model._meta.label for model in apps.get_app_config("orders").get_models() if model not in admin.site._registry
    ]

    assert missing == []


def test_orders_change_lists_and_change_pages_open():
    offer = CycleOfferFactory()
    HubFeeFactory(cycle=offer.cycle)
    PickupSlotFactory(cycle=offer.cycle)
    placed_order(offer.cycle, status=OrderStatus.CONFIRMED)
    DeliveryZoneFactory()
    ChannelAdmissionFactory()
    ChannelVariantTermFactory(crate=ReturnableCrateFactory(), units_per_crate=10)
    client = Client()
    client.force_login(AdminUserFactory())

    for model in apps.get_app_config("orders").get_models():
        opts = model._meta
        changelist = client.get(reverse(f"admin:orders_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.label
        first = model._default_manager.first()
        if first is not None:
            change = client.get(reverse(f"admin:orders_{opts.model_name}_change", args=[first.pk]))
            assert change.status_code == 200, opts.label


def test_orders_and_invoices_cannot_be_added_changed_or_deleted_in_the_admin():
    order = placed_order(CycleOfferFactory().cycle)
    request = RequestFactory().get("/")
    request.user = AdminUserFactory()

    for model in (Order, Invoice):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, order)
        assert not model_admin.has_delete_permission(request, order)
    assert "sold" in admin.site._registry[CycleOffer].readonly_fields
