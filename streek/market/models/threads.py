"""Message threads between two organisations about a match, an offer or a request."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel


class Thread(BaseModel):
    """A conversation between the organisation that started it and the one it wrote to."""

    match = models.OneToOneField(
        "market.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="thread",
        verbose_name=_("match"),
    )
    offer = models.ForeignKey(
        "market.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("offer"),
    )
    request = models.ForeignKey(
        "market.Request",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("request"),
    )
    initiator = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="market_threads_started",
        verbose_name=_("started by"),
    )
    recipient = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="market_threads_received",
        verbose_name=_("with"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    last_message_at = models.DateTimeField(_("last message at"), null=True, blank=True, db_index=True)
    initiator_read_at = models.DateTimeField(_("read by the starter at"), null=True, blank=True)
    recipient_read_at = models.DateTimeField(_("read by the other party at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(initiator=F("recipient")), name="market_thread_two_parties"),
        ]
        indexes = [
            models.Index(fields=["initiator", "-last_message_at"], name="market_thread_initiator"),
            models.Index(fields=["recipient", "-last_message_at"], name="market_thread_recipient"),
        ]

    def __str__(self) -> str:
        return self.subject

    def party_ids(self) -> tuple[int, int]:
        return (self.initiator_id, self.recipient_id)


class Message(BaseModel):
    """One message in a thread, sent for an organisation by one of its members."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages", verbose_name=_("thread"))
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("sent for")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    body = models.TextField(_("message"), max_length=5000)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="market_message_not_empty")]

    def __str__(self) -> str:
        return self.body[:60]
