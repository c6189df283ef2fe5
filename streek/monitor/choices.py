from django.db import models
from django.utils.translation import gettext_lazy as _

# Buyers whose purchases count as public procurement (K11).
PUBLIC_BUYER_KINDS = frozenset({"school", "care", "catering", "municipality"})


class CollaborationKind(models.TextChoices):
    PRODUCER_HUB = "producer_hub", _("Producer and food hub")
    PRODUCER_PROCESSOR = "producer_processor", _("Producer and processor")
    PRODUCER_BUYER = "producer_buyer", _("Producer and buyer")


class CollaborationSource(models.TextChoices):
    ORDER = "order", _("Delivered order")
    MATCH = "match", _("Agreement on the offers-and-requests board")


class FigureKind(models.TextChoices):
    """Figures the platform cannot know: entered per municipality and year with their source."""

    POPULATION = "population", _("Population")
    FARMS = "farms", _("Number of farms (census)")
    FARM_OUTPUT = "farm_output_eur", _("Total farm output (EUR, census)")
    FARMERS_MARKETS = "farmers_markets", _("Farmers' markets")
    MARKET_DAYS = "market_days", _("Market days")
    MARKET_VISITORS = "market_visitors", _("Market visitors")
    SCHOOLS_WITH_ACTIVITY = "schools_with_activity", _("Schools with a food-education activity")
    PUPILS_REACHED = "pupils_reached", _("Pupils reached by food education")
    PUBLIC_FOOD_SPEND = "public_food_spend_eur", _("Public buyers' total food spend (EUR)")


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    CUSTOM_REGION = "custom_region", _("Region")
    PROVINCE = "province", _("Province")
    ADMIN_REGION = "admin_region", _("Administrative region")
    COUNTRY = "country", _("Country")
