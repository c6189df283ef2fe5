from io import StringIO

import pytest
from django.core.management import call_command

from streek.market.models import Match
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_the_command_matches_everything_and_reports() -> None:
    OfferFactory()
    RequestFactory()
    out, err = StringIO(), StringIO()

    call_command("market_rematch", stdout=out, stderr=err)

    assert Match.objects.count() == 1
    assert "1 offers x 1 requests" in out.getvalue()
    assert "1 matches kept (1 new" in out.getvalue()
