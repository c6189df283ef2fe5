import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from streek.interop.choices import MirrorStatus
from streek.interop.models import MirroredSalesPoint, MirrorSource
from streek.interop.tests.loopback import loopback_server

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "type": "FeatureCollection",
    "licence": "CC-BY-4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [5.18, 50.81]},
            "properties": {"name": "Hoeve", "slug": "hoeve", "type": "farm_shop", "municipality": "71053"},
        }
    ],
}


def test_mirrors_a_url_then_refreshes_all_sources():
    with loopback_server(body=json.dumps(DOCUMENT).encode()) as server:
        out = StringIO()
        call_command("interop_mirror", server.url, "--name", "Buren", "--no-progress", stdout=out)
        assert "Buren: 1 sales points (1 new" in out.getvalue()

        out = StringIO()
        call_command("interop_mirror", "--all", "--no-progress", stdout=out)
        assert "(0 new, 0 updated, 0 removed)" in out.getvalue()

    source = MirrorSource.objects.get()
    assert (source.name, source.status, source.item_count) == ("Buren", MirrorStatus.OK, 1)
    assert MirroredSalesPoint.objects.get().municipality.code == "71053"  # type: ignore[union-attr]


def test_a_failing_source_fails_the_command_with_its_errors():
    document = {**DOCUMENT, "features": [{"type": "Feature", "geometry": None, "properties": {"name": "X"}}]}
    with loopback_server(body=json.dumps(document).encode()) as server:
        err = StringIO()
        with pytest.raises(CommandError, match="1 source"):
            call_command("interop_mirror", server.url, "--no-progress", stderr=err)

    assert "Feature 0: geometry must be a Point." in err.getvalue()
    assert MirrorSource.objects.get().status == MirrorStatus.FAILED


def test_needs_a_url_or_all():
    with pytest.raises(CommandError):
        call_command("interop_mirror")
