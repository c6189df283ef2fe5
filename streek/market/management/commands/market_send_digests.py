"""Email each subscribed member the new matches of its organisation since its last digest (run it daily)."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format

from streek.core.public_url import public_url
from streek.market.selectors.digests import LISTED, Digest, digest_due_list
from streek.market.services.digests import digest_mark_sent


def _dashboard_url() -> str:
    return public_url("web:dashboard", fallback="/")


def digest_message(digest: Digest) -> tuple[str, str]:
    """Subject and body in the active language."""
    items = [
        {
            "offer_title": match.offer.title,
            "offer_organisation": match.offer.organisation.name,
            "request_title": match.request.title,
            "request_organisation": match.request.organisation.name,
            "percent": round(match.score * 100),
            "km": number_format(match.distance_km, 1),
        }
        for match in digest.matches
    ]
    context = {
        "site": settings.STREEK_SITE_NAME,
        "user": digest.user,
        "organisation": digest.organisation,
        "total": digest.total,
        "items": items,
        "more": max(0, digest.total - LISTED),
        "dashboard_url": _dashboard_url(),
    }
    subject = render_to_string("market/email/digest_subject.txt", context).strip()
    body = render_to_string("market/email/digest.txt", context).strip() + "\n"
    return subject, body


class Command(BaseCommand):
    help = "Email each subscribed member the new matches of its organisation since its last digest."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent, send nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        sent = 0
        now = timezone.now()
        for digest in digest_due_list(now=now):
            with translation.override(digest.user.language or settings.LANGUAGE_CODE):
                subject, body = digest_message(digest)
            if dry_run:
                self.stdout.write(f"To {digest.user.email}: {subject}")
                continue
            send_mail(subject, body, None, [digest.user.email])
            digest_mark_sent(subscription=digest.subscription, sent_at=digest.until)
            sent += 1
        self.stdout.write(f"{sent} digest(s) sent.")
