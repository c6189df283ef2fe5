"""Every DFC document of Open Food Network in ../shared/dfc (API examples and request bodies of swagger/dfc.yaml,
engines/dfc_provider spec fixtures, FDC/Shopify exchanges recorded in VCR cassettes) imports without error.

The files that are not DFC catalogues at all and that the importer refuses are listed with the reason.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.models import Product, Variant
from streek.interop.models import DfcLink
from streek.interop.services.dfc_import import dfc_catalogue_import
from streek.interop.tests.dfc_documents import OFN_FOLDER

pytestmark = pytest.mark.django_db

# Not catalogues, and not importable as DFC: refused (nothing written), checked by test_non_catalogues_are_refused.
NOT_CATALOGUES = {
    "affiliate_sales_data__GET__200__v1__not_filtered.json": "a sales report: its SuppliedProduct is a blank node "
    "(no @id), so it cannot be linked for a later import",
    "enterprise_groups_enterprise_group_id_affiliated_by__POST__request.json": "a bare {'@id'} request body "
    "without @context (affiliating an enterprise to a group)",
    "enterprises_enterprise_id_platforms__GET__200__other__successful.json": "Startin'blox platform list: its "
    "context (cdn.startinblox.com) is not a DFC context and is refused offline",
    "enterprises_enterprise_id_platforms_platform_id__PUT__request.json": "Startin'blox platform request: "
    "non-DFC remote context, refused offline",
    "enterprises_enterprise_id_platforms_platform_id__GET__200__other__successful.json": "platform profile "
    "without @context",
    "enterprises_enterprise_id_platforms_platform_id__PUT__200__other__successful.json": "platform profile "
    "without @context",
    "persons_id_webid__GET__200__other__successful.json": "a Solid WebID profile (foaf), no @context",
    "webid__GET__200__other__successful.json": "a Solid WebID profile (foaf), no @context",
    "persons_person_id_prefs__GET__200__other__successful.json": "Solid preferences file (pim), no @context",
    "persons_person_id_private_type_index__GET__200__other__successful.json": "Solid type index, no @context",
}


def _files() -> list[Path]:
    if not OFN_FOLDER.is_dir():
        return []
    return sorted(path for path in OFN_FOLDER.rglob("*.json"))


FILES = _files()
needs_shared = pytest.mark.skipif(
    not FILES, reason=f"SKIPPED: the shared DFC folder {OFN_FOLDER} is absent (OFN fixtures are not in the repo)"
)


def _owner():  # type: ignore[no-untyped-def]
    membership = MembershipFactory(role=MembershipRole.OWNER)
    return membership.user, membership.organisation


@needs_shared
@pytest.mark.parametrize("path", FILES or [Path("absent")], ids=lambda path: path.name)
def test_ofn_document_imports_without_error(path: Path) -> None:
    if path.name in NOT_CATALOGUES:
        pytest.skip(f"not a catalogue: {NOT_CATALOGUES[path.name]}")
    # given an owner and one of OFN's documents
    user, organisation = _owner()
    content = path.read_bytes()

    # when it is imported twice
    first = dfc_catalogue_import(actor=user, organisation=organisation, document=content, source=path.name)
    rows = list(Variant.objects.filter(product__organisation=organisation).order_by("pk").values())
    second = dfc_catalogue_import(actor=user, organisation=organisation, document=content, source=path.name)

    # then without error, and the second time changes nothing
    assert first.ok, [str(problem) for problem in first.problems]
    assert second.ok
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert list(Variant.objects.filter(product__organisation=organisation).order_by("pk").values()) == rows
    assert Variant.objects.filter(product__organisation=organisation).count() == first.created


@needs_shared
def test_the_ofn_catalogues_create_products() -> None:
    # the catalogue responses do create what they list (not just pass as empty documents)
    expected = {
        "enterprises_enterprise_id_catalog_items__GET__200__v1__with_given_enterprise_id.json": ("Apple", "1g"),
        "enterprises_enterprise_id_catalog_items__GET__200__v2__in_DFC_v2_format.json": ("Apple", "1g"),
        "supplied_products__GET__200__v2__in_DFC_v2_format.json": ("Pesto", "1g"),
        "put_supplied_product.json": ("Pesto novo", ""),
    }
    for name, (product_name, variant_name) in expected.items():
        user, organisation = _owner()
        path = next(path for path in FILES if path.name == name)
        result = dfc_catalogue_import(actor=user, organisation=organisation, document=path.read_bytes())
        assert result.created == 1, name
        variant = Variant.objects.select_related("product").get(product__organisation=organisation)
        assert (variant.product.name_nl, variant.name) == (product_name, variant_name)

    user, organisation = _owner()
    path = next(path for path in FILES if path.name == "fdc_catalog__GET_SuppliedProducts__response.json")
    result = dfc_catalogue_import(actor=user, organisation=organisation, document=path.read_bytes())
    assert result.created == 4
    assert Variant.objects.filter(product__organisation=organisation, sku="NCBB/CD").get().price == Decimal("18.85")


@needs_shared
@pytest.mark.parametrize("name", sorted(NOT_CATALOGUES))
def test_non_catalogues_are_refused_without_writing(name: str) -> None:
    user, organisation = _owner()
    path = next((path for path in FILES if path.name == name), None)
    if path is None:
        pytest.skip(f"{name} is not in the shared folder")

    result = dfc_catalogue_import(actor=user, organisation=organisation, document=path.read_bytes())

    assert not result.ok
    assert Product.objects.count() == 0
    assert DfcLink.objects.count() == 0
