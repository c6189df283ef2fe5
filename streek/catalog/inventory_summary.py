"""The dry run as people read it: counts and, per changed row, each field as old -> new (JSON for the summary)."""

from datetime import time
from typing import Any

from django.utils.translation import gettext as _

from .inventory_plan import SUMMARY_ROWS, ImportPlan
from .inventory_validation import InventoryLookups


def _display(name: str, value: Any, lookups: InventoryLookups | None) -> str:
    if value is None:
        return ""
    if name == "municipality_id" and lookups is not None:
        municipality = lookups.by_id.get(value)
        return f"{municipality.name} ({municipality.code})" if municipality else str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def plan_summary(plan: ImportPlan) -> dict[str, Any]:
    """Counts and the first rows that change, as JSON for InventoryImport.summary and the dry-run page."""
    counts = {"create": 0, "update": 0, "unchanged": 0, "matched_by_name": 0}
    listed: list[dict[str, Any]] = []
    for row in plan.rows:
        counts[row.action] += 1
        if row.matched_by == "name_position":
            counts["matched_by_name"] += 1
        if row.action == "unchanged" or len(listed) >= SUMMARY_ROWS:
            continue
        listed.append(
            {
                "row": row.clean.row,
                "action": row.action,
                "name": row.clean.fields.get("name", ""),
                "matched_by": row.matched_by,
                "changes": [
                    [name.removesuffix("_id"), _display(name, old, plan.lookups), _display(name, new, plan.lookups)]
                    for name, (old, new) in row.changes.items()
                ],
            }
        )
    return {
        **counts,
        "total": plan.total,
        "rows": listed,
        "rows_truncated": counts["create"] + counts["update"] > len(listed),
        "ignored_columns": plan.ignored_columns,
    }
