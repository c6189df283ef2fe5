from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from streek.catalog.choices import Allergen, Practice
from streek.catalog.tests.factories import (
    OrganisationFactory,
    OrganisationLabelFactory,
    ProductClaimFactory,
    ProductFactory,
    SalesPointFactory,
    VariantFactory,
    concept,
)

pytestmark = pytest.mark.django_db


def url(slug: str) -> str:
    return reverse("web:organisation_detail", args=[slug])


def test_shows_the_producer_its_labels_points_and_products(client: Client) -> None:
    farm = OrganisationFactory(
        name="Hoeve De Linde",
        description_nl="Groenten van het veld.",
        description_fr="Légumes du champ.",
        enterprise_number="0123.456.789",
        practices=["organic", "no_till"],
        website="https://delinde.example",
    )
    OrganisationLabelFactory(organisation=farm, certificate_number="BE-BIO-01-777", certifier="Certisys")
    SalesPointFactory(name="Automaat De Linde", operator=farm, type="vending_machine")
    SalesPointFactory(name="Oude winkel", operator=farm, status="closed")
    leek = ProductFactory(
        organisation=farm,
        name_nl="Prei",
        product_type=concept("product_type", "leek"),
        season_months=0b110000000011,
        allergens=["celery"],
        energy_kj=Decimal("120.00"),
        storage_nl="Koel bewaren.",
    )
    VariantFactory(product=leek, name="bussel", price=Decimal("2.50"), vat_rate=Decimal("6.00"))
    ProductClaimFactory(product=leek, text_nl="Geen kunstmest", evidence="Teeltplan 2025")

    response = client.get(url(farm.slug), HTTP_ACCEPT_LANGUAGE="nl")

    html = response.content.decode()
    with translation.override("nl"):
        organic, gluten, celery = (
            str(label) for label in (Practice.ORGANIC.label, Allergen.GLUTEN.label, Allergen.CELERY.label)
        )
    assert response.status_code == 200
    assert "Hoeve De Linde" in html
    assert "Groenten van het veld." in html
    assert "0123.456.789" in html
    assert organic in html
    assert "BE-BIO-01-777" in html
    assert "Automaat De Linde" in html
    assert "Oude winkel" not in html
    assert "Prei" in html
    assert "januari, februari, november, december" in html
    assert "€&nbsp;2,65" in html  # 2.50 + 6 % VAT, Dutch decimal comma
    assert gluten not in html
    assert celery in html
    assert "Geen kunstmest" in html
    assert "Teeltplan 2025" in html
    assert "Koel bewaren." in html


def test_french_visitors_get_the_french_description(client: Client) -> None:
    farm = OrganisationFactory(description_nl="Groenten van het veld.", description_fr="Légumes du champ.")

    response = client.get(url(farm.slug), HTTP_ACCEPT_LANGUAGE="fr")

    assert "Légumes du champ." in response.content.decode()


def test_a_municipality_lists_the_points_in_its_territory_and_its_embed_code(client: Client) -> None:
    town = OrganisationFactory(kind="municipality", name="Stad Sint-Truiden")
    SalesPointFactory(name="Hoevewinkel in de stad")

    response = client.get(url(town.slug))

    html = response.content.decode()
    assert "Hoevewinkel in de stad" in html
    assert "/embed/kaart/?municipality=71053" in html
    assert "&lt;iframe" in html


def test_unknown_organisation_is_not_found(client: Client) -> None:
    assert client.get(url("nobody")).status_code == 404


def _organisation_with(count: int) -> str:
    farm = OrganisationFactory()
    facets = ["Organic-EU", "Demeter", "MSC"]
    for index in range(count):
        product = ProductFactory(organisation=farm)
        product.labels.add(concept("facet", facets[index % 3]))
        VariantFactory(product=product)
        VariantFactory(product=product, price=Decimal("9.00"))
        ProductClaimFactory(product=product)
        SalesPointFactory(operator=farm)
        OrganisationLabelFactory(organisation=farm, facet=concept("facet", facets[index % 3]))
    return str(farm.slug)


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_is_constant(client: Client, django_assert_num_queries, count: int) -> None:  # type: ignore[no-untyped-def]
    slug = _organisation_with(count)

    with django_assert_num_queries(9):
        response = client.get(url(slug))

    assert response.status_code == 200
