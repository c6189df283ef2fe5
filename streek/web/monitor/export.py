"""CSV and JSON exports of an area's indicators for a year, in the format of docs/monitor-export.md.

One record per area x period x figure: the year, and each quarter for the indicators computed per quarter.
"""

import csv
import io
import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from streek.monitor.areas import Area
from streek.monitor.selectors import Audience, IndicatorResult, indicator_definitions, indicator_results
from streek.web.inventory.http import refusals_as_http

from .areas import area_from_url, area_url_key
from .views import check_year

FORMAT_VERSION = "1"
# The version of the indicator methods the figures were computed with; raise it when a method changes.
METHOD_VERSION = "2026.1"
LANGUAGES = ("nl", "fr", "en")
COLUMNS = (
    "format_version",
    "area_kind",
    "area_code",
    "area_name",
    "year",
    "quarter",
    "indicator",
    "figure_key",
    "label",
    "unit",
    "value",
    "organisations",
    "suppressed",
    "missing",
    "source",
    "method_version",
    "generated_at",
)


def _value_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def export_records(*, area: Area, year: int, audience: Audience) -> list[dict[str, Any]]:
    """The records of the area and year: the year's figures, then each quarter's (five `indicator_results`)."""
    definitions = {d.code: d for d in indicator_definitions()}
    labels = {f.key: f for d in definitions.values() for f in d.figures}
    generated_at = timezone.now().replace(microsecond=0).isoformat()
    periods: list[list[IndicatorResult]] = [indicator_results(area=area, year=year, audience=audience)]
    periods += [indicator_results(area=area, year=year, quarter=q, audience=audience) for q in (1, 2, 3, 4)]
    records = []
    for results in periods:
        for result in results:
            definition = definitions[result.code]
            for figure in result.figures:
                figure_definition = labels[figure.key]
                records.append(
                    {
                        "format_version": FORMAT_VERSION,
                        "area_kind": area.kind,
                        "area_code": area.key,
                        "area_name": area.name,
                        "year": result.year,
                        "quarter": result.quarter,
                        "indicator": result.code,
                        "figure_key": figure.key,
                        "label": str(figure_definition.label),
                        "unit": figure_definition.unit,
                        "value": figure.value,
                        "organisations": figure.organisations,
                        "suppressed": figure.suppressed,
                        "missing": str(figure.missing),
                        "source": str(definition.source),
                        "method_version": METHOD_VERSION,
                        "generated_at": generated_at,
                    }
                )
    return records


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in LANGUAGES else translation.get_language() or "nl"


def _filename(area: Area, year: int, extension: str) -> str:
    return f"streek-monitor-{area_url_key(area)}-{year}.{extension}".replace(":", "-")


@require_GET
@refusals_as_http
def export_csv(request: HttpRequest, area: str, year: int) -> HttpResponse:
    check_year(year)
    resolved = area_from_url(area)
    with translation.override(_language(request)):
        records = export_records(area=resolved, year=year, audience=Audience.for_user(request.user))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row = dict(record)
        row["value"] = _value_text(record["value"])
        row["quarter"] = "" if record["quarter"] is None else record["quarter"]
        row["organisations"] = "" if record["organisations"] is None else record["organisations"]
        row["suppressed"] = "true" if record["suppressed"] else "false"
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(resolved, year, "csv")}"'
    return response


@require_GET
@refusals_as_http
def export_json(request: HttpRequest, area: str, year: int) -> HttpResponse:
    check_year(year)
    resolved = area_from_url(area)
    with translation.override(_language(request)):
        records = export_records(area=resolved, year=year, audience=Audience.for_user(request.user))
    document = {
        "format_version": FORMAT_VERSION,
        "method_version": METHOD_VERSION,
        "area": {"kind": resolved.kind, "code": resolved.key, "name": resolved.name},
        "year": year,
        "generated_at": records[0]["generated_at"] if records else timezone.now().replace(microsecond=0).isoformat(),
        "records": [{**record, "value": _value_text(record["value"]) or None} for record in records],
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(resolved, year, "json")}"'
    return response
