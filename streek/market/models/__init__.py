from .donations import Donation, WasteRecord
from .matching import DigestSubscription, Match
from .posts import MAX_DISTANCE_KM, Offer, Request
from .scans import ProcurementScan, ProcurementScanLine
from .threads import Message, Thread

__all__ = [
    "MAX_DISTANCE_KM",
    "DigestSubscription",
    "Donation",
    "Match",
    "Message",
    "Offer",
    "ProcurementScan",
    "ProcurementScanLine",
    "Request",
    "Thread",
    "WasteRecord",
]
