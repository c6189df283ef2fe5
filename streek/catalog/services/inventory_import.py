"""Inventory imports: upload -> check every row (dry run) -> apply everything in one transaction, or nothing.

The InventoryImport row tells another request how far the work is:
- PENDING: uploaded, waiting for the worker.
- VALIDATING: rows are being checked; processed_rows counts them (written every 1,000 rows, outside any
  transaction, so the status page sees it move).
- INVALID: errors holds (row, column, message) in the uploader's language; nothing was written.
- VALIDATED: summary holds the dry run: counts of create / update / unchanged and the rows that change.
- APPLYING: the rows are checked again against the inventory of this moment (processed_rows moves again), then
  written in one transaction; the bar stays full while the transaction runs.
- DONE: summary holds what was written; processed_rows equals total_rows.
- FAILED: an unexpected error; nothing was written.
"""

import gc
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.core.exceptions import ApplicationError
from streek.territory.models import Municipality

from ..choices import ImportStatus
from ..inventory_formats import FileFormatError, decode_upload, guess_format
from ..inventory_plan import (
    ImportPlan,
    Progress,
    file_error_message,
    inventory_plan,
)
from ..inventory_summary import plan_summary
from ..models import InventoryImport, SalesPoint, SalesPointRevision
from .inventory_write import inventory_plan_write

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024


@transaction.atomic
def inventory_import_create(
    *,
    actor: Actor | None,
    file_name: str,
    data: bytes,
    municipality: Municipality | None = None,
    language: str = "nl",
    run_in_background: bool = True,
) -> InventoryImport:
    """Store an uploaded file; its rows are checked by a background task (unless run_in_background is False)."""
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)},
            extra={"errors": {"file": "too_large"}},
        )
    try:
        content = decode_upload(data)
    except FileFormatError as error:
        raise ApplicationError(file_error_message(error), extra={"errors": {"file": error.code}}) from error
    job = InventoryImport(
        file_name=file_name[:200],
        file_format=guess_format(file_name, content),
        content=content,
        municipality=municipality,
        created_by=actor if isinstance(actor, User) else None,
        language=language if language in ("nl", "fr", "en") else "nl",
    )
    job.full_clean()
    job.save()
    if run_in_background:
        from ..tasks import inventory_import_validate_task

        transaction.on_commit(lambda: inventory_import_validate_task.enqueue(job_id=job.pk))
    return job


@transaction.atomic
def inventory_import_start_apply(*, job: InventoryImport, run_in_background: bool = True) -> InventoryImport:
    """Apply a validated dry run: only once, even when the button is pressed twice."""
    claimed = InventoryImport.objects.filter(pk=job.pk, status=ImportStatus.VALIDATED).update(
        status=ImportStatus.APPLYING, processed_rows=0, updated_at=timezone.now()
    )
    if not claimed:
        raise ApplicationError(_("This import has no validated dry run to apply."))
    job.refresh_from_db()
    if run_in_background:
        from ..tasks import inventory_import_apply_task

        transaction.on_commit(lambda: inventory_import_apply_task.enqueue(job_id=job.pk))
    return job


def inventory_import_validate(*, job_id: int, progress: Progress | None = None) -> InventoryImport:
    """The dry run of a PENDING import: check every row and compare with the inventory; writes no sales point."""
    claimed = InventoryImport.objects.filter(pk=job_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.VALIDATING, processed_rows=0, updated_at=timezone.now()
    )
    job = InventoryImport.objects.get(pk=job_id)
    if not claimed:
        return job
    return _run(job, write=False, progress=progress)


def inventory_import_apply(*, job_id: int, progress: Progress | None = None) -> InventoryImport:
    """Check again and write an APPLYING import (or a PENDING one, for the command line) in one transaction."""
    claimed = InventoryImport.objects.filter(
        pk=job_id, status__in=[ImportStatus.PENDING, ImportStatus.APPLYING]
    ).update(status=ImportStatus.APPLYING, processed_rows=0, updated_at=timezone.now())
    job = InventoryImport.objects.get(pk=job_id)
    if not claimed:
        return job
    return _run(job, write=True, progress=progress)


def _progress_writer(job: InventoryImport, external: Progress | None) -> Progress:
    def write(done: int) -> None:
        InventoryImport.objects.filter(pk=job.pk).update(processed_rows=min(done, job.total_rows or done))
        if external is not None:
            external(done)

    return write


def _run(job: InventoryImport, *, write: bool, progress: Progress | None) -> InventoryImport:
    # Hundreds of thousands of short-lived dicts: the cyclic garbage collector would scan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with translation.override(job.language):
            return _run_in_language(job, write=write, progress=progress)
    except Exception:
        logger.exception("inventory import %s failed", job.pk)
        InventoryImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, finished_at=timezone.now(), updated_at=timezone.now()
        )
        raise
    finally:
        if collecting:
            gc.enable()


def _plan(job: InventoryImport, progress: Progress | None) -> ImportPlan:
    def on_total(total: int) -> None:
        job.total_rows = total
        InventoryImport.objects.filter(pk=job.pk).update(total_rows=total)

    return inventory_plan(
        content=job.content,
        file_format=job.file_format,
        scope_id=job.municipality_id,
        progress=progress,
        on_total=on_total,
    )


def _inventory_changed(*, since: Any, count: int) -> bool:
    if SalesPointRevision.objects.filter(created_at__gte=since).exists():
        return True
    return SalesPoint.objects.count() != count


def _run_in_language(job: InventoryImport, *, write: bool, progress: Progress | None) -> InventoryImport:
    started, count = timezone.now(), SalesPoint.objects.count()
    plan = _plan(job, _progress_writer(job, progress))
    if write and not plan.errors.items:
        with transaction.atomic():
            if _inventory_changed(since=started, count=count):
                plan = _plan(job, None)
            if not plan.errors.items:
                inventory_plan_write(
                    plan, actor_id=job.created_by_id, note=_("Import of %(file)s") % {"file": job.file_name}
                )
    now = timezone.now()
    job.errors = plan.errors.items
    if plan.errors.items:
        job.status = ImportStatus.INVALID
        job.summary = {"errors_truncated": plan.errors.truncated, "total": plan.total}
        job.finished_at = now
    else:
        job.summary = {**plan_summary(plan), "applied": write}
        job.status = ImportStatus.DONE if write else ImportStatus.VALIDATED
        job.finished_at = now if write else None
    job.processed_rows = job.total_rows
    job.save(update_fields=["errors", "status", "summary", "finished_at", "processed_rows", "updated_at"])
    return job
