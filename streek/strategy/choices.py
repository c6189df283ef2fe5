"""Choices of the strategy app: themes, statuses, the AMORE criteria, partner kinds and policy domains."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalTheme(models.TextChoices):
    SHORT_CHAIN_SHARE = "short_chain_share", _("Short-chain share")
    LOCAL_SALES_POINTS = "local_sales_points", _("Local sales points")
    PUBLIC_PROCUREMENT = "public_procurement", _("Public procurement")
    FOOD_WASTE = "food_waste", _("Food waste and redistribution")
    FOOD_EDUCATION = "food_education", _("Food education")
    LOGISTICS = "logistics", _("Logistics and food-km")
    COLLABORATION = "collaboration", _("Collaboration")
    OTHER = "other", _("Other")


class GoalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class AmoreCriterion(models.TextChoices):
    AMBITIOUS = "A", _("Ambitious")
    MOTIVATING = "M", _("Motivating")
    DISTINCTIVE = "O", _("Distinctive (Onderscheidend)")
    RELEVANT = "R", _("Relevant for all stakeholders")
    AUTHENTIC = "E", _("Authentic (Echt)")


class PartnerKind(models.TextChoices):
    INTERNAL_DOMAIN = "internal_domain", _("Internal policy domain")
    FOOD_ACTOR = "food_actor", _("Food actor")
    MUNICIPALITY = "municipality", _("Other municipality")


class PolicyDomain(models.TextChoices):
    LOCAL_ECONOMY = "local_economy", _("Local economy")
    AGRICULTURE = "agriculture", _("Agriculture")
    ENVIRONMENT = "environment", _("Environment")
    TOURISM = "tourism", _("Tourism")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    WELFARE = "welfare", _("Welfare")
    PROCUREMENT = "procurement", _("Procurement")


class ResourceKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
