import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.services.matches import match_record_agreement
from streek.market.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_a_match_that_became_a_standing_order_records_it() -> None:
    match = MatchFactory(status=MatchStatus.CONTACTED)
    actor = UserFactory()

    match_record_agreement(match=match, actor=actor, reference="42", kind=AgreementKind.STANDING_ORDER)

    match.refresh_from_db()
    assert (match.status, match.agreement_kind, match.agreement_reference) == (
        MatchStatus.AGREED,
        AgreementKind.STANDING_ORDER,
        "42",
    )
    assert match.agreed_at is not None and match.agreed_by == actor


def test_recording_the_same_agreement_twice_changes_nothing() -> None:
    match = MatchFactory()
    match_record_agreement(match=match, actor=None, reference="7")
    match.refresh_from_db()
    first = match.agreed_at

    match_record_agreement(match=match, actor=None, reference="7")

    match.refresh_from_db()
    assert match.agreed_at == first
    assert match.agreement_kind == AgreementKind.BUSINESS_ORDER


@pytest.mark.parametrize(
    ("kind", "reference"), [("barter", "1"), (AgreementKind.OTHER, ""), (AgreementKind.OTHER, "x" * 65)]
)
def test_an_agreement_needs_a_known_kind_and_a_reference(kind: str, reference: str) -> None:
    match = MatchFactory()

    with pytest.raises(ValidationError):
        match_record_agreement(match=match, actor=None, reference=reference, kind=kind)

    match.refresh_from_db()
    assert match.status == MatchStatus.NEW
