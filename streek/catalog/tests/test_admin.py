import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory
from streek.catalog.tests.factories import ChangeReportFactory, OpeningRuleFactory, SalesPointFactory

pytestmark = pytest.mark.django_db

APPS = ("accounts", "territory", "catalog")
# Edited inline on their parent's page (sales point, organisation) only.
INLINE_ONLY = {"catalog.OrganisationLabel", "catalog.OpeningRule", "catalog.ClosurePeriod"}


def test_every_model_of_our_apps_is_in_the_admin() -> None:
    from django.apps import apps

    missing = [
        model._meta.label
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry and model._meta.label not in INLINE_ONLY
    ]

    assert missing == []


def test_change_lists_and_change_pages_open() -> None:
    # given
    point = SalesPointFactory()
    OpeningRuleFactory(sales_point=point)
    ChangeReportFactory(sales_point=point)
    MembershipFactory()
    OfficerFactory()
    client = Client()
    client.force_login(AdminUserFactory())

    # when / then
    for model in admin.site._registry:
        if model._meta.app_label not in APPS:
            continue
        opts = model._meta
        changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.label
        first = model._default_manager.first()
        if first is not None:
            change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
            assert change.status_code == 200, opts.label
