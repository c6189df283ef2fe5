"""Forms of the strategy pages: the library filter, a goal's parts, copying a goal."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from streek.strategy.choices import AmoreCriterion, GoalTheme, PartnerKind, PolicyDomain, ResourceKind
from streek.strategy.selectors.figures import figure_options
from streek.territory.models import CustomRegion, Municipality

Choices = list[tuple[str, Any]]
SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]
TEXTAREA = {"rows": 4}


def _region_choices() -> Choices:
    return [("", _("No region")), *((str(r.pk), r.name) for r in CustomRegion.objects.order_by("name"))]


def figure_choices() -> Choices:
    """Figures grouped by indicator, for a select with optgroups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for option in figure_options():
        heading = f"{option.indicator.code} {option.indicator.title}"
        groups.setdefault(heading, []).append((option.figure.key, f"{option.figure.key} · {option.figure.label}"))
    return [("", _("Choose a figure")), *groups.items()]


def parse_codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(";", ",").replace(" ", ",").split(",") if code.strip()]


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("All themes")), *GoalTheme.choices])
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("All countries")), ("BE", _("Belgium")), ("NL", _("Netherlands"))],
    )
    region = forms.CharField(
        label=_("Region"), required=False, max_length=140, help_text=_("A region's short name or a province code.")
    )
    municipality = forms.CharField(label=_("Municipality code (NIS or CBS)"), required=False, max_length=10)


class GoalBasicsForm(forms.Form):
    """Title, theme and whose goal it is."""

    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), choices=GoalTheme.choices)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Your municipalities"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_codes = forms.CharField(
        label=_("Other municipalities sharing the goal"),
        required=False,
        max_length=500,
        help_text=_("NIS or CBS codes, separated by commas."),
    )
    custom_region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, own: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["municipalities"]).queryset = own
        cast(forms.ChoiceField, self.fields["custom_region"]).choices = _region_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        codes = parse_codes(cleaned.get("other_codes") or "")
        others = list(Municipality.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {m.code for m in others})
        if unknown:
            self.add_error("other_codes", _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        ids = [m.pk for m in cleaned.get("municipalities") or []] + [m.pk for m in others]
        if not ids and not self.errors:
            self.add_error("municipalities", _("Choose at least one municipality."))
        cleaned["municipality_ids"] = sorted(set(ids))
        region = cleaned.get("custom_region")
        cleaned["custom_region_id"] = int(region) if region else None
        return cleaned


class IcebergForm(forms.Form):
    iceberg_trends = forms.CharField(
        label=_("Trends: what happened?"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    iceberg_influences = forms.CharField(
        label=_("What influenced these trends?"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    iceberg_assumptions = forms.CharField(
        label=_("Which assumptions and beliefs shape our results?"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class VisionForm(forms.Form):
    vision_2050 = forms.CharField(
        label=_("The ideal world in 2050"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class StatementForm(forms.Form):
    statement = forms.CharField(
        label=_("Goal statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One sentence: what will be different, for whom, by when."),
    )


class AmoreForm(forms.Form):
    """The five criteria at once: a score from 1 to 5 and a justification each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in AmoreCriterion:
            self.fields[f"score_{criterion.value}"] = forms.ChoiceField(
                label=criterion.label, choices=SCORE_CHOICES, required=False, widget=forms.RadioSelect
            )
            self.fields[f"justification_{criterion.value}"] = forms.CharField(
                label=_("Why?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def scores(self) -> list[tuple[str, int, str]]:
        """(criterion, score, justification) of every scored criterion."""
        rows = []
        for criterion in AmoreCriterion:
            score = self.cleaned_data.get(f"score_{criterion.value}")
            if score:
                rows.append(
                    (criterion.value, int(score), self.cleaned_data.get(f"justification_{criterion.value}", ""))
                )
        return rows

    def field_pair(self, criterion: str) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"score_{criterion}"], self[f"justification_{criterion}"]


class PartnerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of partner"), choices=PartnerKind.choices)
    policy_domain = forms.ChoiceField(
        label=_("Policy domain"), required=False, choices=[("", "—"), *PolicyDomain.choices]
    )
    municipality_code = forms.CharField(label=_("Municipality code (NIS or CBS)"), required=False, max_length=10)
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    role = forms.CharField(label=_("Role in the goal"), required=False, max_length=300)

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        municipality_id = None
        if data.get("municipality_code"):
            municipality_id = (
                Municipality.objects.filter(code=data["municipality_code"]).values_list("pk", flat=True).first() or 0
            )
        return {
            "kind": data["kind"],
            "policy_domain": data.get("policy_domain") or "",
            "organisation_id": data.get("organisation"),
            "municipality_id": municipality_id,
            "name": data.get("name") or "",
            "role": data.get("role") or "",
        }


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = forms.DecimalField(label=_("Amount"), required=False, max_digits=14, decimal_places=2, min_value=0)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class MeasureForm(forms.Form):
    figure_key = forms.ChoiceField(label=_("Indicator figure"))
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1990, max_value=2100)
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=16, decimal_places=4)
    target_year = forms.IntegerField(label=_("Target year"), min_value=1990, max_value=2100)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=16, decimal_places=4)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["figure_key"]).choices = figure_choices()


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("What changed?"), required=False, max_length=300, help_text=_("A line for the version history.")
    )


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("For your municipalities"), queryset=Municipality.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, own: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["municipalities"]).queryset = own
