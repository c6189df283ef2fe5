from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.choices import SalesPointStatus
from streek.catalog.tests.factories import SalesPointFactory, municipality

pytestmark = pytest.mark.django_db


def test_each_officer_gets_its_stale_points_in_its_language() -> None:
    # given
    OfficerFactory(user__email="an@sint-truiden.be", user__language="nl")
    OfficerFactory(user__email="jean@example.be", user__language="fr")
    OfficerFactory(user__email="gent@example.be", municipality=municipality("44021"))
    SalesPointFactory(name="Oude hoevewinkel", last_verified_at=timezone.now() - timedelta(days=800))
    SalesPointFactory(name="Nooit gezien", last_verified_at=None)
    SalesPointFactory(name="Vers", last_verified_at=timezone.now())
    SalesPointFactory(name="Gesloten", last_verified_at=None, status=SalesPointStatus.CLOSED)

    # when
    call_command("inventory_remind_stale", stdout=StringIO())

    # then
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"an@sint-truiden.be", "jean@example.be"}
    dutch, french = by_recipient["an@sint-truiden.be"], by_recipient["jean@example.be"]
    assert dutch.subject.startswith("Streek")
    assert "2" in dutch.subject
    assert "Oude hoevewinkel" in dutch.body and "Nooit gezien" in dutch.body
    assert "Vers" not in dutch.body and "Gesloten" not in dutch.body
    assert "/beheer/71053/?tab=stale" in dutch.body
    assert "Oude hoevewinkel" in french.body


def test_the_mail_is_written_in_the_officer_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils.translation import get_language

    from streek.catalog.management.commands import inventory_remind_stale

    OfficerFactory(user__email="jean@example.be", user__language="fr")
    SalesPointFactory(last_verified_at=None)
    languages = []
    original = inventory_remind_stale.reminder_message

    def spy(reminder):  # type: ignore[no-untyped-def]
        languages.append(get_language())
        return original(reminder)

    monkeypatch.setattr(inventory_remind_stale, "reminder_message", spy)

    call_command("inventory_remind_stale", stdout=StringIO())

    assert languages == ["fr"]


def test_dry_run_sends_nothing() -> None:
    OfficerFactory(user__email="an@sint-truiden.be")
    SalesPointFactory(last_verified_at=None)
    out = StringIO()

    call_command("inventory_remind_stale", "--dry-run", stdout=out)

    assert mail.outbox == []
    assert "an@sint-truiden.be" in out.getvalue()
