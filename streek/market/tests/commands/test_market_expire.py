from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from streek.market.choices import PostStatus
from streek.market.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_the_command_expires_overdue_posts() -> None:
    offer = OfferFactory(expires_at=timezone.now() - timedelta(hours=1))
    out = StringIO()

    call_command("market_expire", stdout=out)

    offer.refresh_from_db()
    assert offer.status == PostStatus.EXPIRED
    assert out.getvalue().startswith("1 offer(s) and 0 request(s) expired.")
