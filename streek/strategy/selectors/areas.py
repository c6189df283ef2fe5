"""The monitor area a goal is measured on."""

from streek.monitor.areas import Area, area_resolve
from streek.monitor.choices import AreaKind

from ..models import PolicyGoal


def goal_area(*, goal: PolicyGoal) -> Area:
    """The goal's custom region when set; else its one municipality; else an area over its municipalities."""
    if goal.custom_region_id is not None and goal.custom_region is not None:
        return area_resolve(kind=AreaKind.CUSTOM_REGION.value, key=goal.custom_region.slug)
    municipalities = sorted(goal.municipalities.all(), key=lambda m: m.pk)
    if len(municipalities) == 1:
        only = municipalities[0]
        return Area(kind=AreaKind.MUNICIPALITY.value, key=only.code, name=only.name, municipality_ids=(only.pk,))
    return Area(
        kind=AreaKind.CUSTOM_REGION.value,
        key=f"goal-{goal.pk}",
        name=goal.title,
        municipality_ids=tuple(m.pk for m in municipalities),
    )
