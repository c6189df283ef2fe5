from .event import Event
from .inventory import ChangeReport, InventoryImport, SalesPointRevision
from .organisation import Organisation, OrganisationLabel
from .product import Product, ProductClaim, Variant
from .registration import RegistrationRequest
from .sales_point import ClosurePeriod, OpeningRule, SalesPoint
from .taxonomy import Concept

__all__ = [
    "ChangeReport",
    "ClosurePeriod",
    "Concept",
    "Event",
    "InventoryImport",
    "OpeningRule",
    "Organisation",
    "OrganisationLabel",
    "Product",
    "ProductClaim",
    "RegistrationRequest",
    "SalesPoint",
    "SalesPointRevision",
    "Variant",
]
