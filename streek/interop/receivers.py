"""Webhooks listen to the domain events here (filled in by the webhooks work)."""
