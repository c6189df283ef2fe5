from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    PRODUCER = "producer", _("Producer")
    PROCESSOR = "processor", _("Processor")
    HUB = "hub", _("Food hub")
    RETAILER = "retailer", _("Retailer")
    HORECA = "horeca", _("Hospitality (horeca)")
    CARE = "care", _("Care institution")
    SCHOOL = "school", _("School")
    CATERING = "catering", _("Catering / public kitchen")
    FOOD_BANK = "food_bank", _("Food bank / social grocery")
    MUNICIPALITY = "municipality", _("Municipality")


class Practice(models.TextChoices):
    NATURE_INCLUSIVE = "nature_inclusive", _("Nature-inclusive farming")
    ORGANIC = "organic", _("Organic farming")
    AGROECOLOGY = "agroecology", _("Agroecology")
    NO_TILL = "no_till", _("No-till / reduced tillage")
    AGROFORESTRY = "agroforestry", _("Agroforestry")
    PASTURE = "pasture", _("Pasture-based livestock")
    LOW_INPUT = "low_input", _("Low pesticide input")
    WATER_SAVING = "water_saving", _("Water saving")
    SOCIAL_FARM = "social_farm", _("Care farm / social farming")


class SalesPointType(models.TextChoices):
    FARM_SHOP = "farm_shop", _("Farm shop")
    VENDING_MACHINE = "vending_machine", _("Vending machine")
    HONESTY_STALL = "honesty_stall", _("Honesty stall")
    FARMERS_MARKET = "farmers_market", _("Farmers' market")
    SELF_HARVEST = "self_harvest", _("Self-harvest")
    CSA = "csa", _("Community supported agriculture (CSA)")
    BOX_SCHEME = "box_scheme", _("Box scheme")
    BUYING_GROUP = "buying_group", _("Buying group depot")
    WEBSHOP = "webshop", _("Webshop")
    PICKUP_POINT = "pickup_point", _("Pickup point")
    B2B_DIRECT = "b2b_direct", _("Direct to business")
    FOOD_HUB = "food_hub", _("Food hub")


class SalesPointStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting approval")
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


# Statuses shown on the public map, list and open data.
PUBLIC_STATUSES = (SalesPointStatus.ACTIVE, SalesPointStatus.TEMPORARILY_CLOSED)


class SalesPointSource(models.TextChoices):
    PRODUCER = "producer", _("Producer")
    MUNICIPALITY = "municipality", _("Municipality")
    IMPORT = "import", _("Import")
    PUBLIC = "public", _("Public report")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    CARD = "card", _("Debit or credit card")
    CONTACTLESS = "contactless", _("Contactless / mobile")
    PAYCONIQ = "payconiq", _("Payconiq")
    TIKKIE = "tikkie", _("Tikkie / payment request")
    TRANSFER = "transfer", _("Bank transfer")
    INVOICE = "invoice", _("Invoice")
    VOUCHER = "voucher", _("Local voucher")


class Accessibility(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Wheelchair accessible")
    PARKING = "parking", _("Parking")
    BIKE_PARKING = "bike_parking", _("Bicycle parking")
    PUBLIC_TRANSPORT = "public_transport", _("Near public transport")
    CHILD_FRIENDLY = "child_friendly", _("Child friendly")
    DOGS = "dogs", _("Dogs welcome")


class ConceptScheme(models.TextChoices):
    PRODUCT_TYPE = "product_type", _("Product type")
    FACET = "facet", _("Label or facet")
    MEASURE = "measure", _("Measure or unit")


class Allergen(models.TextChoices):
    """The 14 allergens of Regulation (EU) 1169/2011, Annex II."""

    GLUTEN = "gluten", _("Cereals containing gluten")
    CRUSTACEANS = "crustaceans", _("Crustaceans")
    EGGS = "eggs", _("Eggs")
    FISH = "fish", _("Fish")
    PEANUTS = "peanuts", _("Peanuts")
    SOYBEANS = "soybeans", _("Soybeans")
    MILK = "milk", _("Milk (including lactose)")
    NUTS = "nuts", _("Tree nuts")
    CELERY = "celery", _("Celery")
    MUSTARD = "mustard", _("Mustard")
    SESAME = "sesame", _("Sesame seeds")
    SULPHITES = "sulphites", _("Sulphur dioxide and sulphites")
    LUPIN = "lupin", _("Lupin")
    MOLLUSCS = "molluscs", _("Molluscs")


class ClaimKind(models.TextChoices):
    SOIL_CARE = "soil_care", _("Soil care")
    BIODIVERSITY = "biodiversity", _("Biodiversity")
    ANIMAL_WELFARE = "animal_welfare", _("Animal welfare")
    CLIMATE = "climate", _("Climate")
    WATER = "water", _("Water")
    PACKAGING = "packaging", _("Packaging")
    SOCIAL = "social", _("Social")


class VatRate(models.TextChoices):
    BE_6 = "6.00", _("6 % (BE reduced, food)")
    BE_12 = "12.00", _("12 % (BE intermediate)")
    NL_9 = "9.00", _("9 % (NL reduced, food)")
    STANDARD_21 = "21.00", _("21 % (standard)")
    ZERO = "0.00", _("0 % (exempt)")


# DecimalField choices must be Decimals, or full_clean() rejects every stored value.
VAT_RATE_CHOICES = [(Decimal(value), label) for value, label in VatRate.choices]


class EventKind(models.TextChoices):
    MARKET_DAY = "market_day", _("Market day")
    OPEN_FARM_DAY = "open_farm_day", _("Open farm day")
    TASTING = "tasting", pgettext_lazy("event", "Tasting")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other")


class ChangeReportKind(models.TextChoices):
    CHANGE = "change", _("Change to a point")
    CLOSED = "closed", _("Point has closed")
    NEW_POINT = "new_point", _("New point proposed")


class ChangeReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    VERIFIED = "verified", _("Verified")
    CLOSED = "closed", _("Closed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    IMPORTED = "imported", _("Imported")
    REPORT_ACCEPTED = "report_accepted", _("Change report accepted")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    VALIDATING = "validating", _("Validating")
    INVALID = "invalid", _("Has errors")
    VALIDATED = "validated", _("Validated (dry run)")
    APPLYING = "applying", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class StorageTemperature(models.TextChoices):
    """How a product must be kept: chilled and frozen goods go only to cooled pickup points and vehicles."""

    AMBIENT = "ambient", _("Ambient")
    CHILLED = "chilled", _("Chilled")
    FROZEN = "frozen", _("Frozen")


COLD_CHAIN_TEMPERATURES = frozenset({StorageTemperature.CHILLED, StorageTemperature.FROZEN})


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


# Kinds an organisation may register itself as; municipalities are set up by the platform.
REGISTRABLE_KINDS = tuple(kind for kind in OrganisationKind if kind != OrganisationKind.MUNICIPALITY)
