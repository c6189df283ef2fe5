import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from streek.accounts.tests.factories import UserFactory
from streek.catalog import inventory_validation
from streek.catalog.choices import ImportStatus, RevisionAction, SalesPointSource
from streek.catalog.models import InventoryImport, SalesPoint, SalesPointRevision
from streek.catalog.services.inventory_import import (
    inventory_import_apply,
    inventory_import_create,
    inventory_import_start_apply,
    inventory_import_validate,
)
from streek.catalog.tests.factories import SalesPointFactory, municipality
from streek.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

HEADER = "external_ref,name,type,street,postal_code,locality,municipality,lat,lon,phone,email,website,categories,labels,payment_methods,cooled,hours"
VALID = "\n".join(
    [
        HEADER,
        'A1,Hoeve De Linde,farm_shop,Kerkstraat 1,3800,Sint-Truiden,71053,50.8201,5.1902,011 12 34 56,info@delinde.be,www.delinde.be,vegetable|egg,,cash|card,ja,"di-za 09:00-12:00,14:00-18:00; zo 10:00-12:00"',
        "A2,Melkautomaat Vandeput,vending_machine,Luikersteenweg 200,3800,,,,,,,,,,,yes,ma-zo 07:00-21:00",
        "A3,Boerenmarkt Venlo,farmers_market,Markt 1,,Venlo,GM0983,51.3704,6.1724,,,,,,,no,za 08:00-13:00",
    ]
)
BROKEN = "\n".join(
    [
        HEADER,
        "B1,Goede rij,farm_shop,,3800,,,,,,,,,,,,",
        "B2,Hoeve Slecht Type,boerderij,,3800,,,,,,,,,,,,",
        "B3,Hoeve Slechte Plek,farm_shop,,3800,,,91.5,abc,,,,,,,,",
        "B4,Hoeve Onbekende Postcode,farm_shop,,9999,,,,,,,,,,,,",
        "B5,,farm_shop,,3800,,,,,,,,,,,,",
        "B6,Hoeve Rare Uren,farm_shop,,3800,,,,,,,,,,,,maandag-vroeg 9-12",
        "B7,Hoeve Onbekende Soort,farm_shop,,3800,,,,,,,,kaviaar,,,,",
    ]
)


def _dry_run(content: str, *, language: str = "nl", file_name: str = "punten.csv", **kwargs) -> InventoryImport:
    job = inventory_import_create(
        actor=None, file_name=file_name, data=content.encode(), language=language, run_in_background=False, **kwargs
    )
    return inventory_import_validate(job_id=job.pk)


def _import(content: str, **kwargs) -> InventoryImport:
    job = _dry_run(content, **kwargs)
    assert job.status == ImportStatus.VALIDATED, job.errors
    inventory_import_start_apply(job=job, run_in_background=False)
    return inventory_import_apply(job_id=job.pk)


def _cells(job: InventoryImport) -> set[tuple[int, str]]:
    return {(error["row"], error["column"]) for error in job.errors}


def test_broken_file_lists_every_error_with_row_and_column_in_dutch_and_writes_nothing() -> None:
    points, revisions = SalesPoint.objects.count(), SalesPointRevision.objects.count()

    job = _dry_run(BROKEN)

    assert job.status == ImportStatus.INVALID
    assert {(3, "type"), (4, "lat"), (5, "postal_code"), (6, "name"), (7, "hours"), (8, "categories")} <= _cells(job)
    assert not any(error["row"] == 2 for error in job.errors)
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert "boerderij" in messages[(3, "type")]
    assert job.processed_rows == job.total_rows == 7
    assert SalesPoint.objects.count() == points
    assert SalesPointRevision.objects.count() == revisions


def test_errors_follow_the_uploaders_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a gettext that shows the active language (the French catalogue is compiled at the end of the project)
    monkeypatch.setattr(inventory_validation, "_", lambda text: f"[{translation.get_language()}] {gettext(text)}")

    job = _dry_run(BROKEN, language="fr")

    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert messages[(6, "name")].startswith("[fr] ")
    assert all(message.startswith("[fr] ") for (_row, column), message in messages.items() if column != "hours")
    assert translation.get_language() != "fr"


def test_errors_are_in_dutch_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inventory_validation, "_", lambda text: f"[{translation.get_language()}] {gettext(text)}")

    job = _dry_run(BROKEN)

    assert job.language == "nl"
    assert job.errors[0]["message"].startswith("[nl] ")


def test_apply_of_a_broken_file_writes_nothing() -> None:
    points, revisions = SalesPoint.objects.count(), SalesPointRevision.objects.count()
    job = inventory_import_create(actor=None, file_name="x.csv", data=BROKEN.encode(), run_in_background=False)

    job = inventory_import_apply(job_id=job.pk)

    assert job.status == ImportStatus.INVALID
    assert SalesPoint.objects.count() == points
    assert SalesPointRevision.objects.count() == revisions


def test_valid_dry_run_writes_nothing_and_counts_what_it_would_do() -> None:
    job = _dry_run(VALID)

    assert job.status == ImportStatus.VALIDATED
    assert job.errors == []
    assert (job.summary["create"], job.summary["update"], job.summary["unchanged"]) == (3, 0, 0)
    assert [row["name"] for row in job.summary["rows"]] == [
        "Hoeve De Linde",
        "Melkautomaat Vandeput",
        "Boerenmarkt Venlo",
    ]
    assert SalesPoint.objects.count() == 0
    assert SalesPointRevision.objects.count() == 0


def test_apply_creates_points_with_their_categories_hours_and_history() -> None:
    user = UserFactory()

    created = inventory_import_create(actor=user, file_name="p.csv", data=VALID.encode(), run_in_background=False)
    inventory_import_validate(job_id=created.pk)
    created.refresh_from_db()
    inventory_import_start_apply(job=created, run_in_background=False)
    job = inventory_import_apply(job_id=created.pk)

    assert job.status == ImportStatus.DONE
    assert job.processed_rows == job.total_rows == 3
    linde = SalesPoint.objects.get(external_ref="A1")
    assert linde.source == SalesPointSource.IMPORT
    assert linde.municipality.code == "71053"
    assert linde.position_exact is True
    assert linde.website == "https://www.delinde.be"
    assert linde.cooled is True
    assert linde.payment_methods == ["cash", "card"]
    assert sorted(linde.categories.values_list("key", flat=True)) == ["egg", "vegetable"]
    assert linde.opening_rules.count() == 5 * 2 + 1
    vending = SalesPoint.objects.get(external_ref="A2")
    assert vending.position_exact is False
    assert (vending.lat, vending.lon) == (municipality("71053").lat, municipality("71053").lon)
    assert SalesPoint.objects.get(external_ref="A3").municipality.code == "GM0983"
    revision = SalesPointRevision.objects.get(sales_point=linde)
    assert revision.action == RevisionAction.IMPORTED
    assert revision.actor == user
    assert revision.changes["categories"] == [None, ["egg", "vegetable"]]


def test_second_import_of_the_same_file_changes_nothing() -> None:
    _import(VALID)
    revisions = SalesPointRevision.objects.count()

    job = _import(VALID)

    assert (job.summary["create"], job.summary["update"], job.summary["unchanged"]) == (0, 0, 3)
    assert SalesPoint.objects.count() == 3
    assert SalesPointRevision.objects.count() == revisions


def test_changed_row_is_an_update_listing_old_and_new_values() -> None:
    _import(VALID)
    changed = VALID.replace("Kerkstraat 1", "Kerkstraat 3").replace("vegetable|egg", "vegetable")

    job = _dry_run(changed)

    assert (job.summary["create"], job.summary["update"], job.summary["unchanged"]) == (0, 1, 2)
    row = job.summary["rows"][0]
    assert row["matched_by"] == "external_ref"
    assert ["street", "Kerkstraat 1", "Kerkstraat 3"] in row["changes"]
    assert ["categories", "egg | vegetable", "vegetable"] in row["changes"]


def test_same_name_within_100_m_is_the_same_point() -> None:
    existing = SalesPointFactory(name="Hoeve De Linde", lat=50.8201, lon=5.1902, external_ref="")
    content = "\n".join([HEADER, "X9,hoeve de  LINDE,farm_shop,Kerkstraat 1,3800,,,50.8205,5.1905,,,,,,,,"])

    job = _import(content)

    assert job.summary["matched_by_name"] == 1
    assert job.summary["rows"][0]["matched_by"] == "name_position"
    existing.refresh_from_db()
    assert existing.external_ref == "X9"
    assert SalesPoint.objects.count() == 1


def test_same_name_farther_than_100_m_is_a_new_point() -> None:
    SalesPointFactory(name="Hoeve De Linde", lat=50.8201, lon=5.1902)
    content = "\n".join([HEADER, ",Hoeve De Linde,farm_shop,,3800,,,50.8301,5.1902,,,,,,,,"])

    job = _dry_run(content)

    assert job.summary["create"] == 1


def test_duplicate_rows_in_the_file_are_refused() -> None:
    content = "\n".join(
        [
            HEADER,
            "D1,Hoeve Een,farm_shop,,3800,,,50.82,5.19,,,,,,,,",
            "D1,Hoeve Twee,farm_shop,,3800,,,50.83,5.19,,,,,,,,",
            ",Hoeve Een,farm_shop,,3800,,,50.8201,5.1901,,,,,,,,",
        ]
    )

    job = _dry_run(content)

    assert _cells(job) == {(3, "external_ref"), (4, "name")}


def test_rows_outside_the_chosen_municipality_are_refused() -> None:
    content = "\n".join(
        [
            HEADER,
            ",Hoeve Binnen,farm_shop,,3800,,,,,,,,,,,,",
            ",Hoeve Brussel,farm_shop,,1000,,,,,,,,,,,,",
            ",Hoeve Ver Weg,farm_shop,,,,71053,51.2,4.4,,,,,,,,",
        ]
    )

    job = _dry_run(content, municipality=municipality("71053"))

    assert _cells(job) == {(3, "municipality"), (4, "lat")}


def test_semicolon_csv_with_byte_order_mark() -> None:
    content = "\ufeffname;type;postal_code;lat;lon\nHoeve Puntkomma;farm_shop;3800;50,8201;5,1902\n"

    job = _import(content)

    point = SalesPoint.objects.get()
    assert job.status == ImportStatus.DONE
    assert (point.name, point.lat, point.lon) == ("Hoeve Puntkomma", 50.8201, 5.1902)


def test_geojson_feature_collection_imports() -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [5.1902, 50.8201]},
                "properties": {"name": "Hoeve GeoJSON", "type": "farm_shop", "categories": ["fruit"], "cooled": True},
            },
            {
                "type": "Feature",
                "id": "node/42",
                "geometry": {"type": "Point", "coordinates": [5.2, 50.81]},
                "properties": {"name": "Melk van de Hoeve", "amenity": "vending_machine", "vending": "milk"},
            },
        ],
    }

    job = _import(json.dumps(document), file_name="punten.geojson")

    assert job.file_format == "geojson"
    assert job.summary["create"] == 2
    point = SalesPoint.objects.get(name="Hoeve GeoJSON")
    assert point.cooled is True
    assert list(point.categories.values_list("key", flat=True)) == ["fruit"]
    vending = SalesPoint.objects.get(name="Melk van de Hoeve")
    assert (vending.type, vending.external_ref, vending.municipality.code) == ("vending_machine", "node/42", "71053")


def test_geojson_errors_name_the_feature() -> None:
    document = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None, "properties": {}}]}

    job = _dry_run(json.dumps(document), file_name="x.geojson")

    assert job.status == ImportStatus.INVALID


def test_openstreetmap_tags_give_the_type() -> None:
    content = "\n".join(
        [
            "name,shop,amenity,vending,addr:postcode,lat,lon",
            "Hoeve OSM,farm,,,3800,50.82,5.19",
            "Markt OSM,,marketplace,,3800,50.81,5.18",
            "Eierautomaat OSM,,vending_machine,eggs,3800,50.815,5.185",
        ]
    )

    job = _import(content)

    assert job.status == ImportStatus.DONE
    assert dict(SalesPoint.objects.values_list("name", "type")) == {
        "Hoeve OSM": "farm_shop",
        "Markt OSM": "farmers_market",
        "Eierautomaat OSM": "vending_machine",
    }


def test_missing_name_column_is_one_error_on_the_header() -> None:
    job = _dry_run("type,postal_code\nfarm_shop,3800\n")

    assert _cells(job) == {(1, "name")}


def test_not_utf8_is_refused_at_upload() -> None:
    with pytest.raises(ApplicationError):
        inventory_import_create(actor=None, file_name="x.csv", data="naam,é".encode("latin-1"), run_in_background=False)

    assert InventoryImport.objects.count() == 0


def test_apply_runs_once() -> None:
    job = _dry_run(VALID)
    inventory_import_start_apply(job=job, run_in_background=False)

    with pytest.raises(ApplicationError):
        inventory_import_start_apply(job=job, run_in_background=False)
