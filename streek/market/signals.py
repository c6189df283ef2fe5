"""Domain events of the market app, sent inside the transaction that made the change (see orders/signals.py)."""

from django.dispatch import Signal

# created_at, count: `count` new matches were stored, all with that created_at (one signal per write).
matches_found = Signal()
# match_id: a match became a trade (an agreement was recorded).
match_agreed = Signal()
# donation_id: a food bank confirmed receipt of a donation.
donation_received = Signal()
# waste_record_id: food thrown away was logged.
waste_recorded = Signal()
