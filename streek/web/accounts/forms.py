"""Forms of sign-up: the registration of an organisation and the reviewer's decision on it."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import REGISTRABLE_KINDS, OrganisationKind

COUNTRY_CHOICES = [("BE", _("Belgium")), ("NL", _("the Netherlands"))]


def kind_choices() -> list[tuple[str, Any]]:
    """Food banks and social groceries first: they are whom the sign-up is above all for."""
    labels = dict(OrganisationKind.choices)
    kinds = sorted(REGISTRABLE_KINDS, key=lambda kind: kind != OrganisationKind.FOOD_BANK)
    return [(str(kind), labels[kind]) for kind in kinds]


class RegistrationForm(forms.Form):
    """What an applicant tells us about themselves and their organisation."""

    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=kind_choices, initial=OrganisationKind.FOOD_BANK)
    organisation_name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES, initial="BE")
    enterprise_number = forms.CharField(
        label=_("Enterprise number (optional)"),
        required=False,
        max_length=20,
        help_text=_("KBO/BCE number in Belgium (for example 0123.456.749), KvK number in the Netherlands."),
    )
    street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10)
    locality = forms.CharField(
        label=_("Locality"),
        required=False,
        max_length=120,
        help_text=_("Needed in the Netherlands; in Belgium the postal code is enough."),
    )
    email = forms.EmailField(label=_("Email address of the organisation (optional)"), required=False)
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=40)
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    message = forms.CharField(
        label=_("Message for the reviewer (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What does your organisation do, and what do you want to use the platform for?"),
    )
    applicant_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    applicant_email = forms.EmailField(
        label=_("Your email address"),
        max_length=150,
        help_text=_("You will log in with this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters, not only digits, and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES, initial="nl")

    # A field people never see (hidden by CSS and from screen readers) that form-filling robots do fill in.
    contact_fax = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # Form fields named differently in the service.
    SERVICE_NAMES = {"country": "country_code"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"id_{name}_helptext"] if field.help_text else []
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"id_{name}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("contact_fax"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords are not the same."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        skipped = {"password_again", "contact_fax"}
        return {self.SERVICE_NAMES.get(name, name): value for name, value in data.items() if name not in skipped}


class RejectRegistrationForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
