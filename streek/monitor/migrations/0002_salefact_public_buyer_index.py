"""A partial covering index for K11 (sales to public buyers, attributed to the buyer's municipality): the public
buyer lines of a year and municipality without reading the table. PostgreSQL only (SQLite has no INCLUDE);
kept out of the model state on purpose, like a planner hint."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEX = "monitor_sale_public_buyer"


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON monitor_salefact (year, buyer_municipality_id) "
        "INCLUDE (quarter, intermediaries, producer_id, value) WHERE is_public_buyer"
    )


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
