"""Email each municipal officer the stale sales points of the municipalities it keeps (run it monthly from cron)."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from streek.catalog.selectors.inventory import StaleReminder, stale_reminders
from streek.core.public_url import public_url

# At most this many points are listed one by one in a mail; the dashboard has the rest.
LISTED = 50


def _dashboard_url(code: str) -> str:
    url = public_url("web:inventory_dashboard", code)
    return f"{url}?tab=stale" if url else ""


def reminder_message(reminder: StaleReminder) -> tuple[str, str]:
    """Subject and body in the active language."""
    count = len(reminder.points)
    subject = ngettext(
        "%(site)s: %(count)d sales point to verify",
        "%(site)s: %(count)d sales points to verify",
        count,
    ) % {"site": settings.STREEK_SITE_NAME, "count": count}
    lines = [
        _("Hello %(name)s,") % {"name": reminder.user},
        "",
        ngettext(
            "This sales point was not verified in the last %(days)d days:",
            "These %(count)d sales points were not verified in the last %(days)d days:",
            count,
        )
        % {"count": count, "days": settings.STREEK_STALE_AFTER_DAYS},
        "",
    ]
    codes: dict[str, str] = {}
    for point in reminder.points[:LISTED]:
        verified = point.last_verified_at.date().isoformat() if point.last_verified_at else _("never verified")
        lines.append(f"- {point.name} ({point.municipality.name}, {point.locality or '-'}): {verified}")
        codes[point.municipality.code] = point.municipality.name
    if count > LISTED:
        lines.append(_("… and %(count)d more.") % {"count": count - LISTED})
    lines += ["", _("Check each point and press Verify when it is still as listed, or edit or close it:")]
    for code, name in codes.items():
        if url := _dashboard_url(code):
            lines.append(f"{name}: {url}")
    lines += ["", _("Thank you for keeping the map of short-chain sales points true.")]
    return subject, "\n".join(lines)


class Command(BaseCommand):
    help = "Email each municipal officer the sales points of its municipalities that need verification."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent, send nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        sent = 0
        for reminder in stale_reminders():
            if not reminder.user.email:
                self.stderr.write(f"{reminder.user.username}: no email address, skipped")
                continue
            with translation.override(reminder.user.language or settings.LANGUAGE_CODE):
                subject, body = reminder_message(reminder)
            if dry_run:
                self.stdout.write(f"To {reminder.user.email}: {subject}")
                continue
            send_mail(subject, body, None, [reminder.user.email])
            sent += 1
        self.stdout.write(f"{sent} reminder(s) sent.")
