"""A policy goal written with the workshop's method: the systemic iceberg, a vision towards 2050, one goal statement
checked with AMORE, partners, resources, milestones and measures tied to the monitor's figures."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import AmoreCriterion, GoalStatus, GoalTheme, PartnerKind, PolicyDomain, ResourceKind


class PolicyGoal(BaseModel):
    """A goal of one or several municipalities (a regional strategy across municipal borders)."""

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=32, choices=GoalTheme.choices, default=GoalTheme.SHORT_CHAIN_SHARE)
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.DRAFT)
    municipalities = models.ManyToManyField(
        "territory.Municipality", related_name="policy_goals", verbose_name=_("municipalities")
    )
    custom_region = models.ForeignKey(
        "territory.CustomRegion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policy_goals",
        verbose_name=_("region"),
    )
    vision_2050 = models.TextField(_("vision towards 2050"), blank=True)
    statement = models.TextField(_("goal statement"), blank=True)
    iceberg_trends = models.TextField(_("trends seen (what happened?)"), blank=True)
    iceberg_influences = models.TextField(_("what influenced them"), blank=True)
    iceberg_assumptions = models.TextField(_("assumptions and beliefs"), blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("policy goal")
        verbose_name_plural = _("policy goals")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "theme"], name="strategy_goal_status_theme")]

    def __str__(self) -> str:
        return self.title


class AmoreScore(BaseModel):
    """The goal scored 1-5 on one AMORE criterion, with a short justification."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="amore_scores", verbose_name=_("goal"))
    criterion = models.CharField(_("criterion"), max_length=1, choices=AmoreCriterion.choices)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        verbose_name = _("AMORE score")
        verbose_name_plural = _("AMORE scores")
        ordering = ["goal_id", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "criterion"], name="strategy_amore_goal_criterion_unique"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="strategy_amore_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}={self.score}"


class GoalPartner(BaseModel):
    """Who works on the goal: an internal policy domain, a food actor (an organisation on the platform or only a name)
    or another municipality."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="partners", verbose_name=_("goal"))
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    policy_domain = models.CharField(_("policy domain"), max_length=20, choices=PolicyDomain.choices, blank=True)
    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["goal_id", "kind", "id"]

    def __str__(self) -> str:
        return self.name or self.policy_domain or str(self.pk)


class GoalResource(BaseModel):
    """A budget, staff or other means the goal needs."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="resources", verbose_name=_("goal"))
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["goal_id", "kind", "id"]

    def __str__(self) -> str:
        return self.description


class Milestone(BaseModel):
    """An intermediate step with a date and an owner."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("goal"))
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["goal_id", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Measure(BaseModel):
    """How progress is measured: a monitor figure with a baseline and a target (K16 follows the trajectory)."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="measures", verbose_name=_("goal"))
    figure_key = models.CharField(_("figure"), max_length=64)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), validators=[MinValueValidator(1990)])
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    target_value = models.DecimalField(_("target value"), max_digits=16, decimal_places=4)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["goal_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_year__gt=models.F("baseline_year")),
                name="strategy_measure_target_after_baseline",
                violation_error_message=_("The target year must come after the baseline year."),
            ),
        ]

    def __str__(self) -> str:
        return self.figure_key


class GoalVersion(models.Model):
    """A snapshot of the whole goal, recorded on each publication."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="versions", verbose_name=_("goal"))
    number = models.PositiveIntegerField(_("number"))
    snapshot = models.JSONField(_("snapshot"))
    summary = models.CharField(_("summary of changes"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal version")
        verbose_name_plural = _("goal versions")
        ordering = ["goal_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["goal", "number"], name="strategy_version_goal_number_unique")]

    def __str__(self) -> str:
        return f"{self.goal_id} v{self.number}"
