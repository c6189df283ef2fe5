"""Guards of the monitor: who enters figures for a municipality, who enters a producer's costs.

NotFound when the actor may not know the object (or may not act on the municipality at all), PermissionRefused
when they may see it but not do this. Indicators themselves are public (suppression is applied by the Audience).
"""

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids, organisation_ids
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound
from streek.territory.models import Municipality

from .models import ExternalFigure, ProducerCost


def can_enter_figures(*, actor: Actor, municipality_id: int) -> bool:
    """Officers of the municipality and platform admins enter its figures."""
    if is_platform_admin(actor=actor):
        return True
    return municipality_id in officer_municipality_ids(actor=actor)


def can_enter_costs(*, actor: Actor, organisation_id: int) -> bool:
    """A producer's own members (any role) and platform admins enter its costs."""
    if is_platform_admin(actor=actor):
        return True
    return organisation_id in organisation_ids(actor=actor)


def access_figures_municipality(*, actor: Actor, municipality_id: int) -> Municipality:
    """The figures entry page of a municipality: its officers and admins."""
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise NotFound("municipality")
    if not can_enter_figures(actor=actor, municipality_id=municipality.pk):
        raise NotFound("municipality")
    return municipality


def access_external_figure(*, actor: Actor, external_figure_id: int, for_write: bool = False) -> ExternalFigure:
    """An entered figure: officers of its municipality and admins (reading and writing alike)."""
    figure = ExternalFigure.objects.select_related("municipality").filter(pk=external_figure_id).first()
    if figure is None:
        raise NotFound("external figure")
    if not can_enter_figures(actor=actor, municipality_id=figure.municipality_id):
        raise NotFound("external figure")
    return figure


def access_producer_costs(*, actor: Actor, organisation_id: int, for_write: bool = False) -> Organisation:
    """A producer's cost entries: its members and admins."""
    organisation = Organisation.objects.filter(pk=organisation_id, kind=OrganisationKind.PRODUCER).first()
    if organisation is None:
        raise NotFound("organisation")
    if not can_enter_costs(actor=actor, organisation_id=organisation.pk):
        raise NotFound("organisation")
    return organisation


def access_producer_cost(*, actor: Actor, producer_cost_id: int, for_write: bool = False) -> ProducerCost:
    cost = ProducerCost.objects.select_related("organisation").filter(pk=producer_cost_id).first()
    if cost is None:
        raise NotFound("producer cost")
    if not can_enter_costs(actor=actor, organisation_id=cost.organisation_id):
        raise NotFound("producer cost")
    return cost
