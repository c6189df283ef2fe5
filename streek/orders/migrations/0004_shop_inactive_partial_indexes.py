"""Partial indexes for the shop: the shop leaves out offers of inactive variants and products by excluding the
few inactive ones (streek/orders/selectors/shop.py) instead of joining every offer of a cycle to its variant and
product. The indexes are on catalog tables but exist for this query of the orders app, so they live here (raw SQL,
the same on PostgreSQL and SQLite; the catalog models do not know them)."""

from django.db import migrations

INDEXES = [
    ("orders_shop_variant_inactive", "catalog_variant"),
    ("orders_shop_product_inactive", "catalog_product"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_event_cancellation"),
        ("orders", "0003_cycle_offer_shop_order_index"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} (id) WHERE NOT is_active",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table in INDEXES
    ]
