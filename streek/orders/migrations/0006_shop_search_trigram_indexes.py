"""Trigram indexes for the shop's search box (PostgreSQL only; SQLite keeps scanning, which is fine at its size).

The shop matches each searched word with a case-insensitive "contains" (Django's icontains: `UPPER(col::text) LIKE
UPPER('%word%')`) on the product names, the variant name and the producer name, each in its own table
(streek/orders/selectors/shop.py `_search_q`). GIN indexes with pg_trgm's operator class on exactly those
expressions let PostgreSQL answer them from the index instead of upper-casing every row. pg_trgm is a trusted
extension (PostgreSQL 13+): the database owner may create it. The indexes are on catalog tables but serve this
query of the orders app, so they live here, like those of migration 0004.
"""

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("orders_shop_search_product_nl", "catalog_product", "name_nl"),
    ("orders_shop_search_product_fr", "catalog_product", "name_fr"),
    ("orders_shop_search_product_en", "catalog_product", "name_en"),
    ("orders_shop_search_variant", "catalog_variant", "name"),
    ("orders_shop_search_organisation", "catalog_organisation", "name"),
]


def create_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_event_cancellation"),
        ("orders", "0005_cycle_producer_surplus_to_market"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
