"""Sale facts written straight into the fact table (the fact tables keep ids without constraints)."""

from datetime import date
from decimal import Decimal

from streek.monitor.models import SaleFact
from streek.territory.models import Municipality

_next_line = [1_000_000]


def sale_facts(*, municipality_code: str, year: int, producers: int, value: str = "100.00") -> None:
    """One delivered line per producer (ids 9,000,001...) in the municipality, sold directly to a household."""
    municipality = Municipality.objects.get(code=municipality_code)
    rows = []
    for producer in range(producers):
        _next_line[0] += 1
        rows.append(
            SaleFact(
                order_line_id=_next_line[0],
                delivered_on=date(year, 6, 1),
                year=year,
                quarter=2,
                producer_id=9_000_001 + producer,
                producer_kind="producer",
                producer_municipality_id=municipality.pk,
                buyer_kind="household",
                buyer_municipality_id=municipality.pk,
                channel="consumer",
                intermediaries=0,
                value=Decimal(value),
                producer_value=Decimal(value),
                weight_kg=Decimal("2.000"),
                distance_km=Decimal("5.00"),
            )
        )
    SaleFact.objects.bulk_create(rows)
