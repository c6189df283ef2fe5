"""The AMORE check of a goal statement: what each criterion asks, and hints computed from its score and
justification. Ambitious, Motivating, Onderscheidend (distinctive), Relevant for all stakeholders, Echt (authentic)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import AmoreCriterion

MIN_JUSTIFICATION_WORDS = 12
LOW_SCORE = 3  # below this the criterion-specific hint is shown

QUESTIONS: dict[str, Promise] = {
    AmoreCriterion.AMBITIOUS: _("Does the goal stretch beyond what would happen anyway?"),
    AmoreCriterion.MOTIVATING: _("Does it make people and organisations want to join in?"),
    AmoreCriterion.DISTINCTIVE: _("Does it say what is particular to this municipality or region?"),
    AmoreCriterion.RELEVANT: _("Does it matter to producers, buyers, residents and the administration alike?"),
    AmoreCriterion.AUTHENTIC: _("Is it credible: does it fit what the municipality does and can do?"),
}

LOW_SCORE_HINTS: dict[str, Promise] = {
    AmoreCriterion.AMBITIOUS: _(
        "Compare your target with the workshop's aim of a short-chain share of 25 percent of farm sales by 2050 "
        "(about 1 to 3 percent today): "
        "set a measure whose target needs a clear yearly growth, not the trend you would reach anyway."
    ),
    AmoreCriterion.MOTIVATING: _(
        "Write the goal so that a farmer, a school kitchen and a resident recognise what is in it for them; "
        "name a visible first result within a year."
    ),
    AmoreCriterion.DISTINCTIVE: _(
        "Build on what is particular here: the products, markets, hubs or landscape of the area. "
        "Look at the library for what other municipalities did and say what you do differently."
    ),
    AmoreCriterion.RELEVANT: _(
        "Check the partners: add the policy domains and food actors the goal touches (producers, processors, "
        "hubs, buyers, food banks) and say what each of them gains."
    ),
    AmoreCriterion.AUTHENTIC: _(
        "Tie the goal to resources and milestones with owners and dates, so it is believable; "
        "build on what the municipality already does."
    ),
}

SHORT_JUSTIFICATION_HINT = _(
    "Say why: a justification of a few words does not convince partners. Give a reason or an example."
)
MISSING_SCORE_HINT = _("Score this criterion from 1 to 5 and say why.")


@dataclass(frozen=True)
class AmoreRow:
    """One criterion of a goal's check: its score and justification (if given) and the hints."""

    criterion: str
    label: str
    question: str
    score: int | None
    justification: str
    hints: tuple[str, ...]


def amore_hints(*, criterion: str, score: int | None, justification: str) -> list[str]:
    """Hints to improve the goal on one criterion; empty when the score is good and the justification says why."""
    if score is None:
        return [str(MISSING_SCORE_HINT)]
    hints: list[str] = []
    if score < LOW_SCORE:
        hints.append(str(LOW_SCORE_HINTS[criterion]))
    if len(justification.split()) < MIN_JUSTIFICATION_WORDS:
        hints.append(str(SHORT_JUSTIFICATION_HINT))
    return hints


def amore_check(*, scores: dict[str, tuple[int, str]]) -> list[AmoreRow]:
    """The five criteria in order with hints; `scores` maps a criterion to (score, justification)."""
    rows = []
    for criterion in AmoreCriterion:
        score, justification = scores.get(criterion.value, (None, ""))
        rows.append(
            AmoreRow(
                criterion=criterion.value,
                label=str(criterion.label),
                question=str(QUESTIONS[criterion]),
                score=score,
                justification=justification,
                hints=tuple(amore_hints(criterion=criterion.value, score=score, justification=justification)),
            )
        )
    return rows
