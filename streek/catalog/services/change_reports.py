"""Change reports: the public and producers suggest, the municipality decides."""

from typing import Any

from django.db import transaction

from streek.accounts.models import User

from ..choices import ChangeReportKind
from ..models import ChangeReport, SalesPoint

# Fields a report may propose new values for.
REPORTABLE_FIELDS = (
    "name",
    "type",
    "street",
    "postal_code",
    "locality",
    "phone",
    "email",
    "website",
    "hours_note",
    "description_nl",
)


@transaction.atomic
def change_report_submit(
    *,
    sales_point: SalesPoint,
    kind: str = ChangeReportKind.CHANGE,
    message: str = "",
    proposed_changes: dict[str, Any] | None = None,
    reporter: User | None = None,
    reporter_name: str = "",
    reporter_email: str = "",
) -> ChangeReport:
    """Record a suggestion for the officers of the point's municipality; only known fields are kept."""
    changes = {k: v for k, v in (proposed_changes or {}).items() if k in REPORTABLE_FIELDS and v not in ("", None)}
    report = ChangeReport(
        kind=kind,
        sales_point=sales_point,
        municipality_id=sales_point.municipality_id,
        message=message,
        proposed_changes=changes,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
    )
    report.full_clean()
    report.save()
    return report
