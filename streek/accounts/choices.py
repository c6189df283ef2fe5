from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    STAFF = "staff", _("Staff")


# Roles that may change an organisation's data (its profile, sales points, products).
EDITOR_ROLES = frozenset({MembershipRole.OWNER, MembershipRole.MANAGER})
