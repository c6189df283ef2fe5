from datetime import timedelta

import pytest
from django.utils import timezone

from streek.accounts.services.api_tokens import api_token_touch
from streek.accounts.tests.factories import issue_api_token

pytestmark = pytest.mark.django_db


def test_use_is_recorded_at_most_once_a_minute(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given
    token, _plain = issue_api_token()
    now = timezone.now()

    # when
    first = api_token_touch(token=token, now=now)
    with django_assert_num_queries(0):
        within = api_token_touch(token=token, now=now + timedelta(seconds=59))
    later = api_token_touch(token=token, now=now + timedelta(seconds=61))

    # then
    assert (first, within, later) == (True, False, True)
    token.refresh_from_db()
    assert token.last_used_at == now + timedelta(seconds=61)
