"""Background work of the yearly report (django-tasks)."""

from django_tasks import task


@task()
def yearly_report_run_task(report_id: int) -> str:
    """Build one queued yearly report; its status says how it went."""
    from .services import yearly_report_run

    return yearly_report_run(report_id=report_id).status
