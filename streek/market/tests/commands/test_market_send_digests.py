from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from streek.market.models import DigestSubscription
from streek.market.tests.factories import DigestSubscriptionFactory, MatchFactory, member

pytestmark = pytest.mark.django_db


def _subscribe(organisation, language: str):  # type: ignore[no-untyped-def]
    user = member(organisation)
    user.language = language
    user.save()
    return DigestSubscriptionFactory(
        user=user, organisation=organisation, last_sent_at=timezone.now() - timedelta(days=1)
    )


def test_each_subscriber_gets_the_new_matches_in_its_language_once() -> None:
    # given
    match = MatchFactory(offer__title="Bospeen", request__title="Wortelen voor de school")
    dutch = _subscribe(match.offer.organisation, "nl")
    french = _subscribe(match.request.organisation, "fr")
    _subscribe(MatchFactory().offer.organisation, "nl").user  # noqa: B018 - has its own match
    quiet = _subscribe(
        match.offer.organisation.__class__.objects.create(
            kind="producer", name="Stil", slug="stil", country=match.offer.organisation.country
        ),
        "nl",
    )

    # when
    call_command("market_send_digests", stdout=StringIO())

    # then
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert dutch.user.email in by_recipient and french.user.email in by_recipient
    assert quiet.user.email not in by_recipient
    assert "Bospeen" in by_recipient[dutch.user.email].body
    assert (
        "nouvelle" in by_recipient[french.user.email].subject.lower() or "1" in by_recipient[french.user.email].subject
    )
    assert "Streek" in by_recipient[dutch.user.email].subject
    sent = len(mail.outbox)
    call_command("market_send_digests", stdout=StringIO())
    assert len(mail.outbox) == sent  # nothing new since
    assert DigestSubscription.objects.get(pk=dutch.pk).last_sent_at is not None


def test_the_mail_is_written_in_the_members_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils.translation import get_language

    from streek.market.management.commands import market_send_digests

    match = MatchFactory()
    _subscribe(match.offer.organisation, "fr")
    languages = []
    original = market_send_digests.digest_message

    def spy(digest):  # type: ignore[no-untyped-def]
        languages.append(get_language())
        return original(digest)

    monkeypatch.setattr(market_send_digests, "digest_message", spy)

    call_command("market_send_digests", stdout=StringIO())

    assert languages == ["fr"]


def test_a_member_who_left_gets_nothing_and_dry_run_sends_nothing() -> None:
    match = MatchFactory()
    left = _subscribe(match.offer.organisation, "nl")
    left.user.memberships.all().delete()
    stays = _subscribe(match.request.organisation, "nl")
    out = StringIO()

    call_command("market_send_digests", "--dry-run", stdout=out)

    assert mail.outbox == []
    assert stays.user.email in out.getvalue()
    assert left.user.email not in out.getvalue()
