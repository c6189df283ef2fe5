"""Areas in monitor URLs (the reads of areas are in `streek.monitor.selectors.areas`).

URL form of an area: `<kind>-<key>`, the monitor's `kind:key` slug with the first ':' written as '-'
(`municipality-11002`, `custom_region-haspengouw`, `province-VLI`, `admin_region-02000`, `country-BE`).
Kinds hold no '-', so the first '-' always separates kind and key. The `kind:key` form is accepted too.
"""

from django.utils.translation import gettext as _

from streek.core.exceptions import NotFound
from streek.monitor.areas import Area, area_from_slug, area_resolve
from streek.monitor.choices import AreaKind


def area_url_key(area: Area) -> str:
    """The area as written in monitor URLs."""
    return f"{area.kind}-{area.key}"


def area_from_url(value: str) -> Area:
    """The area written as `kind-key` (or `kind:key`); NotFound when there is none."""
    if ":" in value:
        return area_from_slug(value)
    kind, _sep, key = value.partition("-")
    if kind not in AreaKind.values or not key:
        raise NotFound(_("There is no area '%(slug)s'.") % {"slug": value})
    return area_resolve(kind=kind, key=key)
