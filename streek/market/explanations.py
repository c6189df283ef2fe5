"""Turn a match's stored breakdown (codes and parameters) into sentences in the active language."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from streek.catalog.models import Concept

from .choices import MatchCriterion, SpecOption
from .matching.scoring import CRITERIA
from .models import Match

# (criterion, code) -> sentence with %(name)s placeholders
SENTENCES: dict[tuple[str, str], Any] = {
    ("product", "exact"): gettext_lazy("Same product type: %(request_type)s."),
    ("product", "narrower"): gettext_lazy("The offer (%(offer_type)s) is a kind of what is asked (%(request_type)s)."),
    ("product", "broader"): gettext_lazy(
        "The offer (%(offer_type)s) is broader than what is asked (%(request_type)s): ask whether it includes it."
    ),
    ("product", "unrelated"): gettext_lazy("The product types differ."),
    ("quantity", "covers"): gettext_lazy("Covers the requested quantity (%(percent)s %%)."),
    ("quantity", "partial"): gettext_lazy("Covers %(percent)s %% of the requested quantity."),
    ("quantity", "units_differ"): gettext_lazy(
        "The quantities cannot be compared: offered in %(offer_unit)s, asked in %(request_unit)s."
    ),
    ("period", "full"): gettext_lazy("Available during the whole requested period."),
    ("period", "partial"): gettext_lazy("Available during %(percent)s %% of the requested period (%(days)s days)."),
    ("period", "none"): gettext_lazy("The periods do not overlap."),
    ("distance", "within"): gettext_lazy("%(km)s km away, within the %(max_km)s km asked."),
    ("distance", "beyond"): gettext_lazy("%(km)s km away, farther than the %(max_km)s km asked."),
    ("labels", "none_required"): gettext_lazy("No labels required."),
    ("labels", "all"): gettext_lazy("Carries every required label."),
    ("labels", "partial"): gettext_lazy("Missing labels: %(missing)s."),
    ("spec", "none_required"): gettext_lazy("No particular preparation asked."),
    ("spec", "all"): gettext_lazy("Prepared as asked."),
    ("spec", "partial"): gettext_lazy("Not offered: %(missing)s."),
    ("delivery", "delivers"): gettext_lazy("The supplier delivers."),
    ("delivery", "beyond_radius"): gettext_lazy("The supplier delivers only within %(radius_km)s km."),
    ("delivery", "pickup_only"): gettext_lazy("Pickup only, while delivery is wanted."),
    ("delivery", "buyer_collects"): gettext_lazy("The buyer collects."),
}


@dataclass(frozen=True)
class CriterionExplanation:
    """One criterion of a match, ready to show: its name, score (0-1), weight and sentence."""

    criterion: str
    label: str
    score: float
    weight: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _entry(value: Any) -> tuple[float, int, str, dict[str, Any]]:
    """A stored entry, [score, weight, code] or [score, weight, code, params] (or the dict form)."""
    if isinstance(value, dict):
        return float(value["score"]), int(value["weight"]), str(value["code"]), dict(value.get("params") or {})
    params = value[3] if len(value) > 3 else {}
    return float(value[0]), int(value[1]), str(value[2]), dict(params)


def _facet_labels(matches: Iterable[Match]) -> dict[str, str]:
    keys: set[str] = set()
    units: set[str] = set()
    for match in matches:
        for criterion, value in (match.breakdown or {}).items():
            _, _, code, params = _entry(value)
            if criterion == "labels":
                keys.update(params.get("missing", []))
            if criterion == "quantity" and code == "units_differ":
                units.update([params.get("offer_unit", ""), params.get("request_unit", "")])
    if not keys and not units:
        return {}
    concepts = Concept.objects.filter(scheme__in=["facet", "measure"], key__in=keys | units)
    return {concept.key: concept.label for concept in concepts}


def _text(match: Match, criterion: str, code: str, params: dict[str, Any], names: dict[str, str]) -> str:
    sentence = SENTENCES.get((criterion, code))
    if sentence is None:
        return ""
    values: dict[str, Any] = dict(params)
    if criterion == "product":
        values = {"offer_type": match.offer.product_type.label, "request_type": match.request.product_type.label}
    elif criterion == "quantity" and code == "units_differ":
        values = {
            key: names.get(str(params.get(key, "")), params.get(key, "")) for key in ("offer_unit", "request_unit")
        }
    elif criterion == "distance":
        values = {"km": number_format(params.get("km", 0), 1), "max_km": params.get("max_km", "")}
    elif criterion == "labels" and "missing" in params:
        values = {"missing": ", ".join(names.get(key, key) for key in params["missing"])}
    elif criterion == "spec" and "missing" in params:
        spec_names = dict(SpecOption.choices)
        values = {"missing": ", ".join(str(spec_names.get(key, key)) for key in params["missing"])}
    return str(sentence) % values


def match_explanations(matches: Iterable[Match]) -> dict[int, list[CriterionExplanation]]:
    """The explanation of each match (by id), in the active language; one query for label names at most.

    The matches should come with offer__product_type and request__product_type selected (the match selectors
    do that)."""
    matches = list(matches)
    names = _facet_labels(matches)
    criterion_names = dict(MatchCriterion.choices)
    result: dict[int, list[CriterionExplanation]] = {}
    for match in matches:
        entries = []
        stored = match.breakdown or {}
        for criterion in CRITERIA:
            if str(criterion) not in stored:
                continue
            score, weight, code, params = _entry(stored[str(criterion)])
            entries.append(
                CriterionExplanation(
                    criterion=str(criterion),
                    label=str(criterion_names[criterion]),
                    score=score,
                    weight=weight,
                    code=code,
                    params=params,
                    text=_text(match, str(criterion), code, params, names),
                )
            )
        result[match.pk] = entries
    return result


def match_explanation(match: Match) -> list[CriterionExplanation]:
    """The explanation of one match, criterion by criterion, in the active language."""
    return match_explanations([match])[match.pk]


__all__ = ["CriterionExplanation", "match_explanation", "match_explanations"]
