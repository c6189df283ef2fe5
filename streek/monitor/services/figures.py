"""Figures the platform cannot know, entered by a municipality's officers or an admin: one, or many from a CSV.

A code from before the 2025 Flemish mergers is mapped through territory.MunicipalityFusion onto the current
municipality and kept as `original_code`; the monitor sums the former parts of a merged municipality.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import ApplicationError, NotFound
from streek.territory.models import Municipality, MunicipalityFusion

from ..access import can_enter_figures
from ..choices import FigureKind
from ..models import ExternalFigure

CSV_COLUMNS = ("municipality_code", "year", "kind", "value", "source", "source_date")
MAX_ROWS = 20000


@dataclass(frozen=True)
class ResolvedCode:
    municipality: Municipality
    original_code: str


def municipality_for_code(*, code: str, year: int) -> ResolvedCode | None:
    """The current municipality a code stands for in that year; `original_code` set when it is a former one."""
    code = code.strip()
    fusion = MunicipalityFusion.objects.select_related("municipality").filter(old_code=code).first()
    if fusion is not None and year < fusion.effective.year:
        return ResolvedCode(fusion.municipality, code)
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is not None:
        return ResolvedCode(municipality, "")
    if fusion is not None:  # a former code used for a year after the merger: still the same territory part
        return ResolvedCode(fusion.municipality, code)
    return None


def _refuse(message: str, field_name: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field_name})


@transaction.atomic
def external_figure_save(
    *,
    actor: Actor,
    municipality_code: str,
    year: int,
    kind: str,
    value: Decimal,
    source: str,
    source_date: dt.date,
    note: str = "",
) -> ExternalFigure:
    """Create or replace the figure of a municipality, year and kind (officers of the municipality, admins)."""
    resolved = municipality_for_code(code=municipality_code, year=year)
    if resolved is None:
        raise _refuse(_("There is no municipality with code %(code)s.") % {"code": municipality_code}, "municipality")
    if not can_enter_figures(actor=actor, municipality_id=resolved.municipality.pk):
        raise NotFound(_("There is no municipality with code %(code)s.") % {"code": municipality_code})
    if kind not in FigureKind.values:
        raise _refuse(_("Choose one of the figures."), "kind")
    figure = ExternalFigure.objects.filter(
        municipality=resolved.municipality, year=year, kind=kind, original_code=resolved.original_code
    ).first()
    if figure is None:
        figure = ExternalFigure(
            municipality=resolved.municipality, year=year, kind=kind, original_code=resolved.original_code
        )
    figure.value = Decimal(value)
    figure.source = source
    figure.source_date = source_date
    figure.note = note
    figure.entered_by_id = actor.pk if actor.is_authenticated else None
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def external_figure_delete(*, actor: Actor, external_figure: ExternalFigure) -> None:
    if not can_enter_figures(actor=actor, municipality_id=external_figure.municipality_id):
        raise NotFound(_("There is no such figure."))
    external_figure.delete()


@dataclass
class ImportResult:
    """What an import did: the figures saved, or the errors (row number, column, message) and nothing saved."""

    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_row(number: int, row: dict[str, str], errors: list[dict[str, Any]]) -> dict[str, Any] | None:
    def error(column: str, message: str) -> None:
        errors.append({"row": number, "column": column, "message": message})

    parsed: dict[str, Any] = {"municipality_code": (row.get("municipality_code") or "").strip()}
    before = len(errors)
    if not parsed["municipality_code"]:
        error("municipality_code", _("Give the municipality's code."))
    try:
        parsed["year"] = int((row.get("year") or "").strip())
    except ValueError:
        error("year", _("Give the year as a number, e.g. 2024."))
    kind = (row.get("kind") or "").strip()
    if kind not in FigureKind.values:
        error(
            "kind",
            _("Unknown figure '%(kind)s'; use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(FigureKind.values)},
        )
    parsed["kind"] = kind
    try:
        parsed["value"] = Decimal((row.get("value") or "").strip().replace(",", "."))
        if not parsed["value"].is_finite() or parsed["value"] < 0:
            raise InvalidOperation
    except InvalidOperation:
        error("value", _("Give a number of zero or more, e.g. 12500 or 12.5."))
    parsed["source"] = (row.get("source") or "").strip()
    if not parsed["source"]:
        error("source", _("Name the source of the figure."))
    try:
        parsed["source_date"] = dt.date.fromisoformat((row.get("source_date") or "").strip())
    except ValueError:
        error("source_date", _("Give the date of the source as YYYY-MM-DD."))
    parsed["note"] = (row.get("note") or "").strip()
    return parsed if len(errors) == before else None


def external_figures_import_csv(*, actor: Actor, file: IO[bytes] | IO[str]) -> ImportResult:
    """All or nothing: every row is checked first (errors name the row and column), then all are saved at once.

    Columns: municipality_code, year, kind, value, source, source_date (YYYY-MM-DD), optionally note.
    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    content = file.read()
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if text.split("\n", 1)[0].count(";") else ",")
    result = ImportResult()
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        result.errors.append({"row": 1, "column": ", ".join(missing), "message": _("The header lacks these columns.")})
        return result
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            result.errors.append({"row": number, "column": "", "message": _("Too many rows in one file.")})
            return result
        parsed = _parse_row(number, row, result.errors)
        if parsed is not None:
            rows.append((number, parsed))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for number, parsed in rows:
                try:
                    existed = _exists(parsed)
                    external_figure_save(actor=actor, **parsed)
                except ApplicationError as refusal:
                    column = refusal.extra.get("field", "municipality_code")
                    column = "municipality_code" if column == "municipality" else column
                    result.errors.append({"row": number, "column": column, "message": refusal.message})
                    continue
                except ValidationError as invalid:
                    for column, messages in invalid.message_dict.items():
                        result.errors.append({"row": number, "column": column, "message": " ".join(messages)})
                    continue
                if existed:
                    result.updated += 1
                else:
                    result.created += 1
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = result.updated = 0
    return result


class _Rollback(Exception):
    pass


def _exists(parsed: dict[str, Any]) -> bool:
    resolved = municipality_for_code(code=parsed["municipality_code"], year=parsed["year"])
    if resolved is None:
        return False
    return ExternalFigure.objects.filter(
        municipality=resolved.municipality,
        year=parsed["year"],
        kind=parsed["kind"],
        original_code=resolved.original_code,
    ).exists()
