import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.choices import ImportStatus, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.services.inventory_import import (
    inventory_import_apply,
    inventory_import_create,
    inventory_import_validate,
)
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory, municipality

pytestmark = pytest.mark.django_db

SOURCE = "\n".join(
    [
        "external_ref,name,type,street,postal_code,municipality,lat,lon,email,categories,payment_methods,cooled,hours",
        'R1,Hoeve Ronde,farm_shop,Kerkstraat 1,3800,71053,50.8201,5.1902,a@b.be,egg|vegetable,cash|card,yes,"di-za 09:00-12:00,14:00-18:00; zo 10:00-12:00"',
        "R2,Melkautomaat Trip,vending_machine,,3800,71053,,,,,,no,ma-zo 07:00-21:00",
        "R3,Markt Venlo,farmers_market,Markt 1,,GM0983,51.3704,6.1724,,,,no,[04-01/10-31] za 08:00-13:00",
    ]
)


def _import(content: str, file_name: str = "data.csv"):
    job = inventory_import_create(actor=None, file_name=file_name, data=content.encode(), run_in_background=False)
    job = inventory_import_validate(job_id=job.pk)
    assert job.status == ImportStatus.VALIDATED, job.errors
    job.status = ImportStatus.APPLYING
    job.save(update_fields=["status"])
    return inventory_import_apply(job_id=job.pk)


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_csv_streams_the_import_columns_with_the_licence_in_name_and_link() -> None:
    # given
    point = SalesPointFactory(name="Hoeve Open", payment_methods=["cash"])
    OpeningRuleFactory(sales_point=point, weekday=5, opens="09:00", closes="12:00")
    SalesPointFactory(status=SalesPointStatus.PROPOSED, name="Nog niet publiek")

    # when
    response = Client().get(reverse("web:opendata_export", args=["csv"]))

    # then
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "cc-by-40" in response["Content-Disposition"]
    assert response["Link"].endswith('rel="license"')
    assert [row["name"] for row in rows] == ["Hoeve Open"]
    assert rows[0]["hours"] == "za 09:00-12:00"
    assert rows[0]["municipality"] == "71053"


def test_geojson_has_licence_metadata_and_points() -> None:
    SalesPointFactory(name="Hoeve Geo", lat=50.8, lon=5.2)

    response = Client().get(reverse("web:opendata_export", args=["geojson"]), {"municipality": "71053"})

    document = json.loads(_body(response))
    assert response["Content-Type"].startswith("application/geo+json")
    assert document["type"] == "FeatureCollection"
    assert {"licence", "licence_url", "attribution", "generated_at", "source", "count"} <= set(document)
    assert document["count"] == 1
    feature = document["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.2, 50.8]}
    assert feature["properties"]["name"] == "Hoeve Geo"


def test_filters_of_the_map_apply() -> None:
    SalesPointFactory(name="Automaat", type="vending_machine")
    SalesPointFactory(name="Winkel", type="farm_shop")
    SalesPointFactory(name="Brussel", municipality=municipality("21004"), type="vending_machine")

    response = Client().get(
        reverse("web:opendata_export", args=["csv"]), {"type": "vending_machine", "municipality": "71053"}
    )

    assert [row["name"] for row in csv.DictReader(io.StringIO(_body(response)))] == ["Automaat"]


def test_bad_filter_is_400_and_unknown_region_404() -> None:
    client = Client()

    assert client.get(reverse("web:opendata_export", args=["csv"]), {"open_on": "gisteren"}).status_code == 400
    assert client.get(reverse("web:opendata_export", args=["csv"]), {"region": "nergens"}).status_code == 404
    assert client.get("/open-data/verkooppunten.xlsx").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_export_imports_again_without_changes(fmt: str) -> None:
    # given points made by an import (hours with a season, a geocoded point, lists and flags)
    _import(SOURCE)
    revisions = SalesPoint.objects.get(external_ref="R1").revisions.count()

    # when the export is imported again
    exported = _body(Client().get(reverse("web:opendata_export", args=[fmt])))
    job = _import(exported, file_name=f"export.{fmt}")

    # then nothing changes
    assert (job.summary["create"], job.summary["update"], job.summary["unchanged"]) == (0, 0, 3)
    assert SalesPoint.objects.get(external_ref="R1").revisions.count() == revisions


def test_export_rebuilds_the_same_inventory_elsewhere() -> None:
    _import(SOURCE)
    exported = _body(Client().get(reverse("web:opendata_export", args=["csv"])))
    before = {
        p.external_ref: (p.name, p.type, p.lat, p.lon, p.position_exact, p.cooled, p.payment_methods)
        for p in SalesPoint.objects.all()
    }
    SalesPoint.objects.all().delete()

    _import(exported)

    after = {
        p.external_ref: (p.name, p.type, p.lat, p.lon, p.position_exact, p.cooled, p.payment_methods)
        for p in SalesPoint.objects.all()
    }
    assert after == before
    assert SalesPoint.objects.get(external_ref="R3").opening_rules.get().season_start == 401
