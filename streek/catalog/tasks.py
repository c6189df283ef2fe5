"""Background work of the catalogue (django-tasks): checking and applying inventory imports."""

from django_tasks import task


@task()
def inventory_import_validate_task(job_id: int) -> str:
    """The dry run of an uploaded inventory file."""
    from .services.inventory_import import inventory_import_validate

    return str(inventory_import_validate(job_id=job_id).status)


@task()
def inventory_import_apply_task(job_id: int) -> str:
    """Write a validated inventory import in one transaction."""
    from .services.inventory_import import inventory_import_apply

    return str(inventory_import_apply(job_id=job_id).status)
