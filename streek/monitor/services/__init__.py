"""Writes of the monitor: fact appenders (called by the receivers and the backfill), snapshots, entered figures."""

from .costs import producer_cost_delete, producer_cost_save
from .facts import (
    collaboration_from_match,
    donation_fact_append,
    route_fact_append,
    sale_facts_append,
    waste_fact_append,
)
from .figures import (
    ImportResult,
    external_figure_delete,
    external_figure_save,
    external_figures_import_csv,
    municipality_for_code,
)
from .snapshots import sales_point_snapshot_take

__all__ = [
    "ImportResult",
    "collaboration_from_match",
    "donation_fact_append",
    "external_figure_delete",
    "external_figure_save",
    "external_figures_import_csv",
    "municipality_for_code",
    "producer_cost_delete",
    "producer_cost_save",
    "route_fact_append",
    "sale_facts_append",
    "sales_point_snapshot_take",
    "waste_fact_append",
]
