"""Forms of the market scan (demand profile upload, radius) and of donations (claim, receipt, waste)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from streek.market.choices import Handover, WasteReason

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ScanUploadForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the scan"), max_length=200, help_text=_("e.g. Vegetables for our schools 2027")
    )
    file = forms.FileField(
        label=_("Demand profile (CSV)"),
        help_text=_("UTF-8, comma or semicolon separated. The columns are described on this page."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )
    radius_km = forms.IntegerField(
        label=_("Radius (km)"),
        min_value=1,
        max_value=250,
        initial=40,
        help_text=_("Producers within this distance of your organisation are counted."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        data = upload.read()
        try:
            return str(data.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text. Save it as CSV UTF-8.")) from error


class RadiusForm(forms.Form):
    radius_km = forms.IntegerField(label=_("Radius (km)"), min_value=1, max_value=250)


class ClaimForm(forms.Form):
    quantity = forms.DecimalField(label=_("Quantity"), min_value=Decimal("0.001"), max_digits=12, decimal_places=3)
    handover = forms.ChoiceField(label=_("Handover"), choices=Handover.choices, initial=Handover.PICKUP)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReceiptForm(forms.Form):
    received_quantity = forms.DecimalField(
        label=_("Quantity received"), min_value=Decimal("0"), max_digits=12, decimal_places=3
    )


class WasteForm(forms.Form):
    quantity = forms.DecimalField(
        label=_("Quantity thrown away"),
        min_value=Decimal("0.001"),
        max_digits=12,
        decimal_places=3,
        required=False,
        help_text=_("Empty: all that was not claimed."),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=WasteReason.choices, initial=WasteReason.UNSOLD)
