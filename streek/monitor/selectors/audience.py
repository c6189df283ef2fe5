"""Who looks at the figures: the public, an officer of some municipalities, or a platform admin."""

from dataclasses import dataclass
from typing import Any

from streek.accounts.selectors import is_platform_admin, officer_municipality_ids

from ..areas import Area
from .types import MIN_ORGANISATIONS, Figure, RawFigure


@dataclass(frozen=True)
class Audience:
    """Who looks: the public, an officer (sees unsuppressed figures of their own municipalities), an admin."""

    officer_municipality_ids: frozenset[int] = frozenset()
    is_admin: bool = False

    @classmethod
    def public(cls) -> "Audience":
        return cls()

    @classmethod
    def admin(cls) -> "Audience":
        return cls(is_admin=True)

    @classmethod
    def for_user(cls, user: Any) -> "Audience":
        """The audience of a signed-in user (officer assignments, platform admin) or the public for anyone else."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls.public()
        if is_platform_admin(actor=user):
            return cls(is_admin=True)
        return cls(officer_municipality_ids=frozenset(officer_municipality_ids(actor=user)))

    def sees_unsuppressed(self, area: Area) -> bool:
        """Admins see everything; an officer sees an area unsuppressed when all its municipalities are theirs."""
        if self.is_admin:
            return True
        if not area.municipality_ids or not self.officer_municipality_ids:
            return False
        return set(area.municipality_ids) <= self.officer_municipality_ids

    def sees_municipality(self, municipality_id: int) -> bool:
        return self.is_admin or municipality_id in self.officer_municipality_ids


def is_suppressed(organisations: int | None) -> bool:
    """A figure built from 1 or 2 organisations would reveal them; none (0) or not applicable (None) reveals nobody."""
    return organisations is not None and 0 < organisations < MIN_ORGANISATIONS


def figure_for(*, key: str, raw: RawFigure, unsuppressed: bool) -> Figure:
    """The figure as this audience may see it."""
    if is_suppressed(raw.organisations) and not unsuppressed:
        return Figure(key=key, value=None, organisations=raw.organisations, suppressed=True, missing="")
    return Figure(key=key, value=raw.value, organisations=raw.organisations, suppressed=False, missing=raw.missing)
