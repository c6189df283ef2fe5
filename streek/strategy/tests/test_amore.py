from django.utils import translation

from streek.strategy.amore import MIN_JUSTIFICATION_WORDS, amore_check, amore_hints
from streek.strategy.choices import AmoreCriterion

LONG = " ".join(["because"] * MIN_JUSTIFICATION_WORDS)


def test_a_low_ambition_points_to_the_workshop_target() -> None:
    with translation.override("en"):
        hints = amore_hints(criterion=AmoreCriterion.AMBITIOUS, score=2, justification=LONG)
    assert len(hints) == 1 and "25 percent" in hints[0]


def test_a_short_justification_asks_to_say_why() -> None:
    with translation.override("en"):
        hints = amore_hints(criterion=AmoreCriterion.RELEVANT, score=4, justification="Goed idee.")
    assert hints == [hints[0]] and hints[0].startswith("Say why")


def test_a_good_score_with_a_reason_needs_no_hint() -> None:
    assert amore_hints(criterion=AmoreCriterion.AUTHENTIC, score=3, justification=LONG) == []


def test_low_score_and_short_reason_give_both_hints() -> None:
    assert len(amore_hints(criterion=AmoreCriterion.MOTIVATING, score=1, justification="")) == 2


def test_check_lists_the_five_criteria_in_order_and_asks_to_score_the_missing_ones() -> None:
    with translation.override("en"):
        rows = amore_check(scores={"A": (5, LONG)})
    assert [row.criterion for row in rows] == ["A", "M", "O", "R", "E"]
    assert rows[0].hints == () and rows[0].label == "Ambitious"
    assert rows[2].label == "Distinctive (Onderscheidend)"
    assert rows[1].score is None and rows[1].hints[0].startswith("Score this criterion")


def test_hints_are_translated() -> None:
    with translation.override("nl"):
        dutch = amore_hints(criterion=AmoreCriterion.AMBITIOUS, score=1, justification=LONG)
    with translation.override("en"):
        english = amore_hints(criterion=AmoreCriterion.AMBITIOUS, score=1, justification=LONG)
    assert len(dutch) == len(english) == 1
