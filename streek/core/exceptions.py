"""Errors the domain raises for the interfaces to turn into a page message or an API error body."""

from typing import Any


class ApplicationError(Exception):
    """A refusal the user can understand: the message is translated, `extra` names what was wrong."""

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class NotFound(ApplicationError):
    """The object does not exist or the actor may not know that it exists."""


class PermissionRefused(ApplicationError):
    """The actor is known to see the object but may not perform this action on it."""
