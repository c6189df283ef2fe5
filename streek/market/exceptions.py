"""Refusals of the market, for the interfaces to show (all are ApplicationErrors with a translated message)."""

from streek.core.exceptions import ApplicationError


class NotEnoughLeft(ApplicationError):
    """A claim on a surplus offer asks more than is still available."""


class WrongOrganisationKind(ApplicationError):
    """The organisation may not do this (e.g. only food banks claim donations)."""


class InvalidTransition(ApplicationError):
    """The object is not in a state that allows this (e.g. confirming a cancelled donation)."""
