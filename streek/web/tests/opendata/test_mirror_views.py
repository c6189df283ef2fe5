import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.tests.factories import municipality
from streek.interop.choices import MirrorStatus
from streek.interop.models import MirroredSalesPoint
from streek.interop.tests.factories import MirrorSourceFactory

pytestmark = pytest.mark.django_db


def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_lists_the_mirrored_sources_with_licence_status_and_count(django_assert_num_queries):
    MirrorSourceFactory(name="Buren", licence="CC-BY-4.0", status=MirrorStatus.OK, item_count=12)
    MirrorSourceFactory(name="Verder", status=MirrorStatus.FAILED)

    with django_assert_num_queries(1):
        response = client().get(reverse("web:opendata_mirror_sources"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Buren" in content and "CC-BY-4.0" in content and "12" in content and "Failed" in content


def test_shows_the_points_of_a_source_as_a_read_only_copy(django_assert_num_queries):
    source = MirrorSourceFactory(name="Buren", licence="CC0")
    for n in range(60):
        MirroredSalesPoint.objects.create(
            source=source,
            remote_id=f"p{n}",
            name=f"Punt {n:02}",
            municipality=municipality(),
            url=f"https://buren.example.org/verkooppunt/p{n}/",
        )

    # source, count, page of points with their municipality
    with django_assert_num_queries(3):
        response = client().get(reverse("web:opendata_mirror_points", args=[source.pk]))

    content = response.content.decode()
    assert "Read-only copy from" in content and "Buren" in content
    assert 'href="https://buren.example.org/verkooppunt/p0/"' in content
    assert "Page 1 of 2" in content


def test_an_unknown_source_is_not_found():
    assert client().get(reverse("web:opendata_mirror_points", args=[999])).status_code == 404


def test_the_open_data_page_links_the_catalogue_and_the_mirrors():
    content = client().get(reverse("web:opendata_index")).content.decode()

    assert reverse("web:opendata_catalogue") in content
    assert reverse("web:opendata_mirror_sources") in content
