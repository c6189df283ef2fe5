import pytest

from streek.market.models.breakdown import decode_breakdown, encode_breakdown
from streek.market.tests.factories import MatchFactory

FULL = {
    "product": [0.6, 3, "broader"],
    "quantity": [0.65, 2, "partial", {"percent": 65}],
    "period": [1.0, 2, "full", {"days": 8, "percent": 100}],
    "distance": [0.505, 2, "within", {"km": 37.1, "max_km": 75}],
    "labels": [0.5, 1, "partial", {"missing": ["Demeter"]}],
    "spec": [1.0, 1, "none_required"],
    "delivery": [0.3, 1, "beyond_radius", {"radius_km": 20}],
}


def test_a_full_breakdown_is_stored_compactly_and_read_back_the_same() -> None:
    # when
    text = encode_breakdown(FULL)

    # then
    assert text.startswith("[[0.6,3]")
    assert len(text) < 120
    assert decode_breakdown(text) == FULL


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"product": [1.0, 3, "exact"], "distance": [1.0, 2, "within", {"km": 2}]},  # not every criterion
        {**FULL, "product": [0.6, 5, "broader"]},  # another weight
        {**FULL, "spec": [1.0, 1, "none_required", {"extra": 1}]},  # unexpected parameters
    ],
)
def test_a_breakdown_that_does_not_fit_the_compact_form_is_kept_as_json(value: dict) -> None:
    text = encode_breakdown(value)

    assert text.startswith("{")
    assert decode_breakdown(text) == value


@pytest.mark.django_db
def test_a_match_reads_its_breakdown_back_as_a_dict() -> None:
    match = MatchFactory(breakdown=FULL)

    match.refresh_from_db()

    assert match.breakdown == FULL
