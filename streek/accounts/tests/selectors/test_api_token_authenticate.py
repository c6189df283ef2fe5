from datetime import timedelta

import pytest
from django.utils import timezone

from streek.accounts.selectors import api_token_authenticate
from streek.accounts.tests.factories import issue_api_token

pytestmark = pytest.mark.django_db


def test_a_valid_token_is_found_in_one_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given
    token, plain = issue_api_token()

    # when
    with django_assert_num_queries(1):
        found = api_token_authenticate(raw=plain)
        assert found is not None
        creator = found.created_by

    # then
    assert found == token
    assert creator == token.created_by


@pytest.mark.parametrize("mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t + "x", lambda t: ""])
def test_a_wrong_secret_is_refused(mangle) -> None:  # type: ignore[no-untyped-def]
    # given
    _token, plain = issue_api_token()

    # when / then
    assert api_token_authenticate(raw=mangle(plain)) is None


@pytest.mark.parametrize("raw", ["", "strk_", "strk_abc", "bearer", "strk_abcdefgh", "strk_abcdefgh-secret"])
def test_a_malformed_token_is_refused_without_a_query(raw: str, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert api_token_authenticate(raw=raw) is None


def test_an_expired_token_is_refused() -> None:
    # given
    _token, plain = issue_api_token(expires_at=timezone.now() - timedelta(seconds=1))

    # when / then
    assert api_token_authenticate(raw=plain) is None


def test_a_token_not_yet_expired_is_accepted() -> None:
    # given
    token, plain = issue_api_token(expires_at=timezone.now() + timedelta(days=1))

    # when / then
    assert api_token_authenticate(raw=plain) == token


def test_the_token_of_a_deactivated_creator_is_refused() -> None:
    # given
    token, plain = issue_api_token()
    assert token.created_by is not None
    token.created_by.is_active = False
    token.created_by.save()

    # when / then
    assert api_token_authenticate(raw=plain) is None
