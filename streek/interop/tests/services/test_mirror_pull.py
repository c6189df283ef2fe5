"""Export -> mirror round trip: another instance's open-data GeoJSON (ours) served over loopback, mirrored here."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.tests.factories import SalesPointFactory, municipality
from streek.interop.choices import MirrorStatus
from streek.interop.models import MirroredSalesPoint
from streek.interop.services.mirror import MirrorError, mirror_pull, mirror_source_get_or_create
from streek.interop.tests.factories import MirrorSourceFactory
from streek.interop.tests.loopback import loopback_server

pytestmark = pytest.mark.django_db


def exported_geojson() -> bytes:
    response = Client().get(reverse("web:opendata_export", args=["geojson"]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_mirrors_our_own_open_data_export_with_its_licence():
    # given two public points exported as open data
    first = SalesPointFactory(name="Hoeve Ronde", street="Kerkstraat 1", locality="Sint-Truiden")
    second = SalesPointFactory(name="Melkautomaat Trip")
    data = exported_geojson()

    with loopback_server(body=data, content_type="application/geo+json") as server:
        source = mirror_source_get_or_create(url=server.url + "open-data/verkooppunten.geojson", name="Buren")
        # when the source is pulled
        result = mirror_pull(source=source)

    # then its points are copied read-only, with the licence of the file and the pages at the source
    assert (result.created, result.updated, result.removed) == (2, 0, 0)
    source.refresh_from_db()
    assert (source.status, source.item_count, source.error) == (MirrorStatus.OK, 2, "")
    assert source.licence == "CC-BY-4.0" and source.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert source.pulled_at is not None
    copy = MirroredSalesPoint.objects.get(remote_id=first.slug)
    assert copy.name == "Hoeve Ronde" and copy.kind == first.type
    assert copy.municipality == municipality()
    assert copy.lat == pytest.approx(first.lat) and copy.lon == pytest.approx(first.lon)
    assert copy.address.startswith("Kerkstraat 1")
    assert copy.url == server.url + f"verkooppunt/{first.slug}/"
    assert MirroredSalesPoint.objects.filter(remote_id=second.slug).exists()


def test_pulling_again_updates_and_removes_what_the_source_no_longer_has():
    point = SalesPointFactory(name="Oud")
    gone = SalesPointFactory()
    data = exported_geojson()
    with loopback_server(body=data) as server:
        source = mirror_source_get_or_create(url=server.url)
        mirror_pull(source=source)
        # when the source renames one point and drops the other
        document = json.loads(data)
        document["features"] = [f for f in document["features"] if f["properties"]["slug"] == point.slug]
        document["features"][0]["properties"]["name"] = "Nieuw"
        server.body = json.dumps(document).encode()
        result = mirror_pull(source=source)

    assert (result.created, result.updated, result.removed) == (0, 1, 1)
    assert list(MirroredSalesPoint.objects.values_list("remote_id", "name")) == [(point.slug, "Nieuw")]
    assert not MirroredSalesPoint.objects.filter(remote_id=gone.slug).exists()


def _document(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "licence": "CC0", "features": list(features)}).encode()


def _feature(name="Hoeve", slug="hoeve", coordinates=(5.18, 50.81)):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(coordinates)},
        "properties": {"name": name, "slug": slug, "type": "farm_shop"},
    }


def test_an_invalid_document_names_the_feature_and_property_and_changes_nothing():
    # given a source mirrored before
    source = MirrorSourceFactory()
    MirroredSalesPoint.objects.create(source=source, remote_id="kept", name="Kept")
    body = _document(_feature(), _feature(name="", slug="b"), _feature(slug="c", coordinates=(500, 50)), _feature())

    with loopback_server(body=body) as server:
        source.url = server.url
        source.save()
        with pytest.raises(MirrorError) as raised:
            mirror_pull(source=source)

    errors = raised.value.extra["errors"]
    assert "Feature 1: property 'name' is missing." in errors
    assert "Feature 2: geometry.coordinates are out of range." in errors
    assert any(error.startswith("Feature 3: property 'slug' repeats feature 0") for error in errors)
    assert list(MirroredSalesPoint.objects.values_list("remote_id", flat=True)) == ["kept"]
    source.refresh_from_db()
    assert source.status == MirrorStatus.FAILED and "Feature 1" in source.error


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"<html>", "not JSON"), (b'{"type": "Feature"}', "FeatureCollection"), (b"[]", "FeatureCollection")],
)
def test_a_document_that_is_not_a_feature_collection_is_refused(body, message):
    with loopback_server(body=body) as server:
        source = MirrorSourceFactory(url=server.url)
        with pytest.raises(MirrorError) as raised:
            mirror_pull(source=source)

    assert message in raised.value.message
    assert not MirroredSalesPoint.objects.exists()


def test_a_document_over_the_size_limit_and_an_error_status_are_refused():
    with loopback_server(body=_document(_feature())) as server:
        source = MirrorSourceFactory(url=server.url)
        with pytest.raises(MirrorError, match="larger than 10 bytes"):
            mirror_pull(source=source, max_bytes=10)
        server.status = 500
        with pytest.raises(MirrorError, match="HTTP 500"):
            mirror_pull(source=source)

    assert not MirroredSalesPoint.objects.exists()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.geojson", "not a url"])
def test_only_http_addresses_can_be_mirrored(url):
    with pytest.raises(MirrorError):
        mirror_source_get_or_create(url=url)
