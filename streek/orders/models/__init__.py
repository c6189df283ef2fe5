from .basket import Basket, BasketLine
from .channel import ChannelAdmission, ChannelTerms, ChannelVariantTerm, ReturnableCrate
from .cycle import (
    CycleOffer,
    CycleProducer,
    CycleSurplus,
    DeliveryZone,
    HubFee,
    OrderCycle,
    OrderCycleSeries,
    PickupPoint,
    PickupSlot,
)
from .invoice import Invoice, InvoiceLine, InvoiceSequence
from .order import Order, OrderLine, ProducerOrder
from .standing import StandingOrder, StandingOrderLine

__all__ = [
    "Basket",
    "BasketLine",
    "ChannelAdmission",
    "ChannelTerms",
    "ChannelVariantTerm",
    "CycleOffer",
    "CycleProducer",
    "CycleSurplus",
    "DeliveryZone",
    "HubFee",
    "Invoice",
    "InvoiceLine",
    "InvoiceSequence",
    "Order",
    "OrderCycle",
    "OrderCycleSeries",
    "OrderLine",
    "PickupPoint",
    "PickupSlot",
    "ProducerOrder",
    "ReturnableCrate",
    "StandingOrder",
    "StandingOrderLine",
]
