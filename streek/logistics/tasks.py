"""Background work of logistics (django-tasks): planning the rounds of a plan within its time limit."""

from django_tasks import task


@task()
def plan_run_task(plan_id: int) -> str:
    """Solve a queued plan and store its routes; the plan's status and progress tell the page how far it is."""
    from .services.plans import plan_run

    return str(plan_run(plan_id=plan_id).status)
