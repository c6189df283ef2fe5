"""Forms of an organisation's own pages: its profile and its declared labels."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import Practice
from streek.catalog.models import Concept, Organisation
from streek.catalog.services.organisations import MAX_LOGO_BYTES

PROFILE_FIELDS: tuple[str, ...] = (
    "name",
    "legal_name",
    "enterprise_number",
    "street",
    "postal_code",
    "locality",
    "email",
    "phone",
    "website",
    "description_nl",
    "description_fr",
    "description_en",
    "practices",
)


class LogoField(forms.ImageField):
    """An image of at most 2 MB; the size is checked before Pillow reads the file."""

    def to_python(self, data: Any) -> Any:
        size = getattr(data, "size", None)
        if size is not None and size > MAX_LOGO_BYTES:
            raise ValidationError(_("The logo is larger than 2 MB. Please upload a smaller image."), code="too_large")
        return super().to_python(data)


class OrganisationProfileForm(forms.Form):
    """What an organisation tells about itself on its public page."""

    name = forms.CharField(label=_("name"), max_length=200)
    legal_name = forms.CharField(label=_("legal name"), max_length=200, required=False)
    enterprise_number = forms.CharField(
        label=_("enterprise number"),
        max_length=20,
        required=False,
        help_text=_("KBO/BCE number (BE) or KvK number (NL)."),
    )
    street = forms.CharField(label=_("street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("postal code"), max_length=10, required=False)
    locality = forms.CharField(label=_("locality"), max_length=120, required=False)
    email = forms.EmailField(label=_("email"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    description_nl = forms.CharField(
        label=_("description (Dutch)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_fr = forms.CharField(
        label=_("description (French)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    practices = forms.MultipleChoiceField(
        label=_("practices"), choices=Practice.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    logo = LogoField(
        label=_("logo"),
        required=False,
        help_text=_("An image (PNG, JPEG or WebP) of at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )

    @classmethod
    def initial_from(cls, organisation: Organisation) -> dict[str, Any]:
        initial = {name: getattr(organisation, name) for name in PROFILE_FIELDS}
        initial["logo"] = organisation.logo
        return initial

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as organisation_update takes it (logo: None keeps it, False removes it)."""
        fields = {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
        logo = self.cleaned_data.get("logo")
        if logo is False:
            fields["logo"] = False
        elif logo and self.files.get(self.add_prefix("logo")):
            fields["logo"] = logo
        return fields


def certification_choices() -> list[tuple[str, str]]:
    """The certification facets (organic, biodynamic, local labels...) a producer can declare."""
    concepts = Concept.objects.filter(scheme="facet", path__startswith="Certification/").order_by("path")
    return [(concept.key, concept.label) for concept in concepts]


class OrganisationLabelForm(forms.Form):
    """Declare a label with its certificate, or update the one already declared."""

    facet = forms.ChoiceField(label=_("label"), choices=[])
    certificate_number = forms.CharField(label=_("certificate number"), max_length=80, required=False)
    certifier = forms.CharField(label=_("certifying body"), max_length=120, required=False)
    valid_until = forms.DateField(
        label=_("valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    evidence_url = forms.URLField(
        label=_("evidence link"),
        required=False,
        assume_scheme="https",
        help_text=_("A link to the certificate, e.g. in the certifying body's public register."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["facet"]).choices = certification_choices()
