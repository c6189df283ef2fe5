"""The one door to each protected catalogue object: guards that return the object or refuse.

A guard raises NotFound (404) when the actor may not know the object exists, PermissionRefused (403)
when the actor may see it but not do this. One condition per line.
"""

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids, organisation_ids
from streek.core.exceptions import NotFound, PermissionRefused
from streek.territory.models import Municipality

from .choices import PUBLIC_STATUSES
from .models import (
    ChangeReport,
    Event,
    InventoryImport,
    Organisation,
    Product,
    RegistrationRequest,
    SalesPoint,
    Variant,
)


def can_keep_inventory(*, actor: Actor, municipality_id: int) -> bool:
    """Officers of the municipality and platform admins keep its inventory."""
    if is_platform_admin(actor=actor):
        return True
    return municipality_id in officer_municipality_ids(actor=actor)


def can_edit_organisation(*, actor: Actor, organisation_id: int) -> bool:
    if is_platform_admin(actor=actor):
        return True
    return organisation_id in organisation_ids(actor=actor, editors_only=True)


def access_sales_point(*, actor: Actor, sales_point_id: int, for_write: bool = False) -> SalesPoint:
    """Public points for everyone; others for their keepers; writes for officers of the municipality and admins."""
    point = SalesPoint.objects.select_related("municipality", "operator").filter(pk=sales_point_id).first()
    if point is None:
        raise NotFound("sales point")
    keeper = can_keep_inventory(actor=actor, municipality_id=point.municipality_id)
    operator = point.operator_id is not None and point.operator_id in organisation_ids(actor=actor)
    if point.status not in PUBLIC_STATUSES and not (keeper or operator):
        raise NotFound("sales point")
    if for_write and not keeper:
        raise PermissionRefused("sales point")
    return point


def access_municipality_inventory(*, actor: Actor, municipality_id: int) -> Municipality:
    """The inventory dashboard of a municipality: its officers and platform admins only."""
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise NotFound("municipality")
    if not can_keep_inventory(actor=actor, municipality_id=municipality.pk):
        raise NotFound("municipality")
    return municipality


def access_change_report(*, actor: Actor, change_report_id: int) -> ChangeReport:
    """Deciding a change report: officers of the point's municipality and platform admins."""
    report = ChangeReport.objects.select_related("sales_point", "municipality").filter(pk=change_report_id).first()
    if report is None:
        raise NotFound("change report")
    if not can_keep_inventory(actor=actor, municipality_id=report.municipality_id):
        raise NotFound("change report")
    return report


def access_organisation(*, actor: Actor, organisation_id: int, for_write: bool = False) -> Organisation:
    """Organisations are public to read; writes for their owners and managers and platform admins."""
    organisation = Organisation.objects.select_related("municipality", "country").filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("organisation")
    if for_write and not can_edit_organisation(actor=actor, organisation_id=organisation.pk):
        raise PermissionRefused("organisation")
    return organisation


def access_inventory_import(*, actor: Actor, import_id: int) -> InventoryImport:
    """An import is seen by the user who uploaded it, the officers of its municipality and platform admins."""
    job = InventoryImport.objects.defer("content").filter(pk=import_id).first()  # the file may be megabytes
    if job is None:
        raise NotFound("import")
    if is_platform_admin(actor=actor):
        return job
    if actor.is_authenticated and job.created_by_id == actor.pk:
        return job
    if job.municipality_id is not None and can_keep_inventory(actor=actor, municipality_id=job.municipality_id):
        return job
    raise NotFound("import")


def access_event(*, actor: Actor, event_id: int, for_write: bool = False) -> Event:
    """Events are public to read (unless at a hidden sales point); writes for the editors of the organiser,
    the officers of the event's municipality and platform admins."""
    event = Event.objects.select_related("municipality", "sales_point", "organiser").filter(pk=event_id).first()
    if event is None:
        raise NotFound("event")
    organiser_editor = event.organiser_id is not None and can_edit_organisation(
        actor=actor, organisation_id=event.organiser_id
    )
    writer = organiser_editor or can_keep_inventory(actor=actor, municipality_id=event.municipality_id)
    hidden = event.sales_point is not None and event.sales_point.status not in PUBLIC_STATUSES
    if hidden and not writer:
        raise NotFound("event")
    if for_write and not writer:
        raise PermissionRefused("event")
    return event


def access_product(*, actor: Actor, product_id: int, for_write: bool = False) -> Product:
    """Active products are public to read; inactive ones only for the producer's editors (404 for anyone else);
    writes for the producer's owners and managers and platform admins."""
    product = Product.objects.select_related("organisation").filter(pk=product_id).first()
    if product is None:
        raise NotFound("product")
    editor = can_edit_organisation(actor=actor, organisation_id=product.organisation_id)
    if not product.is_active and not editor:
        raise NotFound("product")
    if for_write and not editor:
        raise PermissionRefused("product")
    return product


def access_variant(*, actor: Actor, variant_id: int, for_write: bool = False) -> Variant:
    """A variant as its product (access_product); an inactive variant only for the producer's editors."""
    variant = Variant.objects.select_related("product__organisation").filter(pk=variant_id).first()
    if variant is None:
        raise NotFound("variant")
    editor = can_edit_organisation(actor=actor, organisation_id=variant.product.organisation_id)
    if not (variant.is_active and variant.product.is_active) and not editor:
        raise NotFound("variant")
    if for_write and not editor:
        raise PermissionRefused("variant")
    return variant


def can_review_registrations(*, actor: Actor) -> bool:
    """Platform admins and officers of any municipality review registration requests (officers: their own)."""
    if is_platform_admin(actor=actor):
        return True
    return bool(officer_municipality_ids(actor=actor))


def ensure_may_decide_registration(*, actor: Actor, registration_request: RegistrationRequest) -> None:
    """Approving or rejecting a registration: platform admins and officers of the requested municipality."""
    if not can_keep_inventory(actor=actor, municipality_id=registration_request.municipality_id):
        raise PermissionRefused("registration request")


def access_registration_request(*, actor: Actor, registration_request_id: int) -> RegistrationRequest:
    """A registration request to decide: 404 when it does not exist, 403 for anyone who may not decide it."""
    registration = (
        RegistrationRequest.objects.select_related("municipality", "country").filter(pk=registration_request_id).first()
    )
    if registration is None:
        raise NotFound("registration request")
    ensure_may_decide_registration(actor=actor, registration_request=registration)
    return registration
