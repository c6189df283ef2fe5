"""Browser tests use `live_server`, so each runs on a transactional database that is flushed afterwards.

Django restores the migrated reference data (territory, taxonomies) for `serialized_rollback` tests from
`connection._test_serialized_contents`; once Playwright's sync API runs in the test thread, the ORM hands out
a connection without that attribute, so the restore silently does nothing. Capture the data before the browser
starts and put it back when a previous test has flushed it.
"""

import json
from collections.abc import Iterator

import pytest
from django.db import connection

# The data the migrations load; content types and permissions come back by themselves after a flush.
REFERENCE_MODELS = ("territory.", "catalog.concept")


@pytest.fixture(scope="session", autouse=True)
def reference_data(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> str:
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        with django_db_blocker.unblock():  # type: ignore[attr-defined]
            contents = connection.creation.serialize_db_to_string()
    objects = [item for item in json.loads(contents) if str(item["model"]).startswith(REFERENCE_MODELS)]
    return json.dumps(objects)


@pytest.fixture(autouse=True)
def _restore_reference_data(reference_data: str, transactional_db: None) -> Iterator[None]:
    from streek.territory.models import Municipality

    if not Municipality.objects.exists():
        connection.creation.deserialize_db_from_string(reference_data)
    yield
