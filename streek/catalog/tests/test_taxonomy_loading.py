import pytest
from django.apps import apps
from django.core.management import call_command

from streek.catalog.models import Concept
from streek.catalog.taxonomy_loading import (
    FILES,
    load_taxonomies,
    read_concepts,
    read_dutch_labels,
)


def _load() -> dict[str, int]:
    return load_taxonomies(lambda name: apps.get_model("catalog", name))


def test_every_shipped_concept_has_a_dutch_label_in_the_csv() -> None:
    # given the shipped DFC files and our Dutch labels
    dutch = read_dutch_labels()

    # when reading every scheme
    concepts = [(scheme, concept) for scheme in FILES for concept in read_concepts(scheme)]

    # then every concept has a non-empty Dutch label and the CSV holds no stray keys
    assert concepts
    assert [(s, c["key"]) for s, c in concepts if not c["label_nl"].strip()] == []
    keys = {(s, c["key"]) for s, c in concepts}
    assert {(s, k) for s, labels in dutch.items() for k in labels} == keys


@pytest.mark.django_db
def test_load_taxonomies_gives_every_concept_a_dutch_label() -> None:
    # given an empty label on one concept (the migration already loaded the taxonomies)
    Concept.objects.filter(scheme="product_type", key="carrot").update(label_nl="")

    # when loading
    counts = _load()

    # then every scheme is loaded and no concept lacks a Dutch label
    assert counts == {"product_type": 255, "facet": 227, "measure": 126}
    assert Concept.objects.count() == sum(counts.values())
    assert Concept.objects.filter(label_nl="").count() == 0
    assert Concept.objects.get(scheme="product_type", key="vegetable").label_nl == "Groenten"
    assert Concept.objects.get(scheme="measure", key="Kilogram").label_nl == "kilogram"


@pytest.mark.django_db
def test_load_taxonomies_links_narrower_product_types_to_their_broader_concept() -> None:
    # when loading
    _load()

    # then carrot sits under vegetable
    vegetable = Concept.objects.get(scheme="product_type", key="vegetable")
    carrot = Concept.objects.get(scheme="product_type", key="carrot")
    assert vegetable.broader is None
    assert carrot.broader == vegetable
    assert carrot.path == "vegetable/carrot"
    assert Concept.objects.filter(broader=vegetable, key="carrot").exists()


@pytest.mark.django_db
def test_loading_twice_does_not_duplicate_concepts() -> None:
    # given the taxonomies loaded once
    call_command("catalog_load_taxonomies")
    count = Concept.objects.count()
    ids = set(Concept.objects.values_list("id", flat=True))

    # when loading again
    call_command("catalog_load_taxonomies")

    # then nothing is added or replaced
    assert Concept.objects.count() == count
    assert set(Concept.objects.values_list("id", flat=True)) == ids
