"""The form of a webhook: address, description, events, active."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from streek.interop.choices import WebhookEvent
from streek.interop.models import WebhookEndpoint


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("We POST a signed JSON body to this address; it must start with https://."),
        widget=forms.URLInput(attrs={"placeholder": "https://example.org/streek/webhook", "autocomplete": "url"}),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Send a request when one of these happens."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @classmethod
    def initial_from(cls, endpoint: WebhookEndpoint) -> dict[str, Any]:
        return {
            "url": endpoint.url,
            "description": endpoint.description,
            "events": list(endpoint.events or []),
            "is_active": endpoint.is_active,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "url": data["url"],
            "description": data["description"],
            "events": data["events"],
            "is_active": data["is_active"],
        }
