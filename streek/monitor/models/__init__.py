from .entries import ExternalFigure, ProducerCost
from .facts import CollaborationFact, DonationFact, RouteFact, SaleFact, SalesPointSnapshot, WasteFact

__all__ = [
    "CollaborationFact",
    "DonationFact",
    "ExternalFigure",
    "ProducerCost",
    "RouteFact",
    "SaleFact",
    "SalesPointSnapshot",
    "WasteFact",
]
