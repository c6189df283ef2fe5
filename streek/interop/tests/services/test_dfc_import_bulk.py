"""The import writes in bulk: its number of queries does not grow with the catalogue; the fast flattening is pyld's."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyld import jsonld  # type: ignore[import-untyped]

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.models import Product, Variant
from streek.interop.dfc.jsonld import DfcError, document_loader, expand
from streek.interop.dfc.reading import flatten_expanded
from streek.interop.services.dfc_import import dfc_catalogue_import
from streek.interop.tests.dfc_documents import apples, catalogue, group_node, variant_nodes

pytestmark = pytest.mark.django_db


def _document(products: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    for number in range(products):
        first, second = 2 * number + 1, 2 * number + 2
        name = f"Appels {number}"
        nodes.append(group_node(1000 + number, name=name, variants=(first, second)))
        nodes += variant_nodes(first, name=f"{name} - 1 kg", group=1000 + number, sku=f"A{first}")
        nodes += variant_nodes(second, name=f"{name} - 5 kg", quantity=5, group=1000 + number, sku=f"A{second}")
    return catalogue(*nodes)


def _queries(products: int, *, again: bool = False, change: bool = False) -> int:
    membership = MembershipFactory(role=MembershipRole.OWNER)
    document = _document(products)
    if again:
        result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)
        assert result.ok, result.problems
    if change:
        text = json.dumps(document).replace('"Appels ', '"Peren ')
        document = json.loads(text)
    with CaptureQueriesContext(connection) as context:
        result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=document)
    assert result.ok, result.problems
    assert Variant.objects.filter(product__organisation=membership.organisation).count() == 2 * products
    assert Product.objects.filter(organisation=membership.organisation).count() == products
    return len(context.captured_queries)


@pytest.mark.parametrize(("again", "change"), [(False, False), (True, False), (True, True)])
def test_the_number_of_queries_does_not_grow_with_the_catalogue(again: bool, change: bool) -> None:
    # given catalogues of 5 and 25 products of two variants each (within one SQLite batch of each bulk query)
    # when each is imported (into an empty organisation, again unchanged, again with every name changed)
    # then both take the same number of queries
    assert _queries(5, again=again, change=change) == _queries(25, again=again, change=change)


def test_the_fast_flattening_gives_what_pyld_gives() -> None:
    # given documents: our test catalogues and, when present, the OFN fixtures shared with the import tests
    documents: list[Any] = [apples(), _document(3)]
    shared = Path(__file__).resolve().parents[5] / "shared" / "dfc" / "openfoodfoundation-openfoodnetwork"
    for path in sorted(shared.rglob("*.json")) if shared.is_dir() else []:
        try:
            documents.append(json.loads(path.read_text()))
        except (ValueError, UnicodeDecodeError):
            continue
    compared = 0
    for document in documents:
        try:
            expanded = expand(document)
            expected = jsonld.flatten(expanded, None, {"documentLoader": document_loader})
        except (DfcError, jsonld.JsonLdError):  # documents refused (e.g. a remote context) are not compared
            continue
        # when flattened by ours, then it is exactly pyld's flattening
        assert flatten_expanded(expand(document)) == expected
        compared += 1
    assert compared >= (40 if shared.is_dir() else 2)


def test_a_semantic_id_that_is_not_a_url_is_refused_next_to_valid_ids_of_the_same_host() -> None:
    # given a catalogue whose variant ids share a host, one of them with a space in its path (not a URL)
    membership = MembershipFactory(role=MembershipRole.OWNER)
    bad = "https://ofn.example/api/dfc/enterprises/7/supplied_products/bad id"
    text = json.dumps(_document(3)).replace('https://ofn.example/api/dfc/enterprises/7/supplied_products/3"', f'{bad}"')

    # when it is imported
    result = dfc_catalogue_import(actor=membership.user, organisation=membership.organisation, document=text)

    # then the bad id is named as the node's @id problem (found by the link's URL check), and nothing is written
    assert [(problem.node, problem.property) for problem in result.problems] == [(bad, "@id")]
    assert Product.objects.filter(organisation=membership.organisation).count() == 0
