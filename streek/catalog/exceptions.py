"""Refusals of the catalogue that are not guard refusals."""

from streek.core.exceptions import ApplicationError


class InvalidTransition(ApplicationError):
    """The object is not in a state that allows this step (a registration request decided already)."""
