"""The form creating an API token: a name, scopes per domain (read or write) and an optional last day."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.accounts.scopes import ALL_SCOPES, DOMAIN_LABELS, SCOPE_DOMAINS

ACTION_LABELS = {"read": _("read"), "write": _("read and write")}


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("What uses it, e.g. 'Webshop' or 'Accounting'."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Access"),
        choices=[(scope, scope) for scope in ALL_SCOPES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of access.")},
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day it works. Leave empty for a token that works until you revoke it."),
    )

    def clean_expires_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("expires_on")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return value

    def expires_at(self) -> datetime | None:
        """The end of the chosen day (local time): the token works through that day."""
        value: date | None = self.cleaned_data.get("expires_on")
        if value is None:
            return None
        return timezone.make_aware(datetime.combine(value + timedelta(days=1), time.min))

    def scope_groups(self) -> list[dict[str, Any]]:
        """The scope checkboxes grouped per domain, for the template."""
        chosen = set(self["scopes"].value() or [])
        return [
            {
                "domain": domain,
                "label": DOMAIN_LABELS[domain],
                "options": [
                    {
                        "value": f"{domain}:{action}",
                        "label": ACTION_LABELS[action],
                        "id": f"id_scope_{domain}_{action}",
                        "checked": f"{domain}:{action}" in chosen,
                    }
                    for action in ("read", "write")
                ],
            }
            for domain in SCOPE_DOMAINS
        ]
