"""Schemas of the market's message threads between two organisations (about a match, an offer or a request)."""

from datetime import datetime

from ninja import Field, Schema

from .market import PostOrganisation
from .market_orders import MAX_ID


class ThreadOut(Schema):
    id: int
    subject: str
    initiator: PostOrganisation = Field(description="The organisation that started the thread.")
    recipient: PostOrganisation = Field(description="The organisation it wrote to.")
    match_id: int | None
    offer_id: int | None
    request_id: int | None
    last_message_at: datetime | None
    url: str = Field(description="API URL of the thread with its messages.")


class ThreadListItem(ThreadOut):
    unread: bool = Field(description="A message came since the organisation last read the thread.")


class ThreadPage(Schema):
    items: list[ThreadListItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of threads, only with ?count=true.")


class MessageOut(Schema):
    id: int
    thread_id: int
    organisation: PostOrganisation = Field(description="The organisation the message was sent for.")
    author: str = Field(description="The full name of the member who wrote it (empty when unknown).")
    body: str
    created_at: datetime


class ThreadDetailOut(ThreadOut):
    messages: list[MessageOut] = Field(description="Oldest first.")


class ThreadParams(Schema):
    mark_read: bool = Field(
        False, description="Mark the thread read for your organisation in it (needs `market:write` with a token)."
    )


class MessageIn(Schema):
    organisation: int = Field(ge=1, le=MAX_ID, description="The organisation you write for (id); you are a member.")
    body: str = Field(description="The message, at most 5,000 characters.")
