"""Where figures are computed: one area as a whole, or each municipality on its own (maps, comparisons)."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

# The group key of an area computed as a whole.
AREA = 0
ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Scope:
    """`municipality_ids` None means every municipality (only with by_municipality)."""

    municipality_ids: tuple[int, ...] | None
    by_municipality: bool = False

    def groups(self, found: set[int] | None = None) -> list[int]:
        """The group keys results are reported for."""
        if not self.by_municipality:
            return [AREA]
        if self.municipality_ids is not None:
            return list(self.municipality_ids)
        return sorted(found or set())


def grouped(qs: QuerySet[Any], field: str, scope: Scope, aggregates: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    """One aggregate query: for the area as a whole (key AREA) or GROUP BY the municipality field."""
    if scope.municipality_ids is not None:
        qs = qs.filter(**{f"{field}__in": scope.municipality_ids})
    if not scope.by_municipality:
        return {AREA: qs.aggregate(**aggregates)}
    rows = qs.filter(**{f"{field}__isnull": False}).values(field).annotate(**aggregates).order_by()
    return {row[field]: row for row in rows}


def dec(value: Any) -> Decimal:
    """An aggregate as a Decimal (None -> 0; floats from SQLite arithmetic go through str)."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def num(value: Any) -> int:
    return int(value or 0)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return None if not whole else part * HUNDRED / whole
