"""Partners the platform can propose: its organisations in the goal's municipalities."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation

from ..models import PolicyGoal

SUGGESTION_GROUPS: tuple[tuple[str, Promise, tuple[str, ...]], ...] = (
    ("producers", _("Producers"), (OrganisationKind.PRODUCER,)),
    ("processors", _("Processors"), (OrganisationKind.PROCESSOR,)),
    ("hubs", _("Food hubs"), (OrganisationKind.HUB,)),
    (
        "buyers",
        _("Buyers"),
        (
            OrganisationKind.RETAILER,
            OrganisationKind.HORECA,
            OrganisationKind.CARE,
            OrganisationKind.SCHOOL,
            OrganisationKind.CATERING,
        ),
    ),
    ("food_banks", _("Food banks"), (OrganisationKind.FOOD_BANK,)),
)
PER_GROUP = 25


@dataclass(frozen=True)
class SuggestionGroup:
    key: str
    label: str
    organisations: tuple[Organisation, ...]


def partner_suggestions(*, goal: PolicyGoal, per_group: int = PER_GROUP) -> list[SuggestionGroup]:
    """Organisations located in the goal's municipalities that are not partners yet, grouped by kind (one query per
    group, at most `per_group` each)."""
    municipality_ids = [m.pk for m in goal.municipalities.all()]
    taken = goal.partners.filter(organisation__isnull=False).values("organisation_id")
    groups = []
    for key, label, group_kinds in SUGGESTION_GROUPS:
        found = tuple(
            Organisation.objects.filter(municipality_id__in=municipality_ids, kind__in=group_kinds)
            .exclude(pk__in=taken)
            .select_related("municipality")
            .order_by("name", "id")[:per_group]
        )
        if found:
            groups.append(SuggestionGroup(key=key, label=str(label), organisations=found))
    return groups
