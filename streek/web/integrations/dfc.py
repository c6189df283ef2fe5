"""Importing a DFC catalogue file (e.g. exported from Open Food Network) into the organisation's products.

"Check" runs the whole import and rolls it back: the page lists the problems (node and property) or what would be
created, updated and left unchanged, with a button to import that same document. "Import" writes it, all or
nothing. Owners and managers only.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from streek.catalog.access import access_organisation
from streek.interop.services.dfc_import import DfcImportResult, dfc_catalogue_import
from streek.web.inventory.http import refusals_as_http, signed_in_user

MAX_BYTES = 20 * 1024 * 1024
CHECK, IMPORT = "check", "import"


class DfcImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("DFC file (JSON-LD)"),
        required=False,
        help_text=gettext_lazy("A catalogue in DFC JSON-LD, e.g. the catalog_items of an Open Food Network shop."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.jsonld,application/ld+json,application/json"}),
    )
    document = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is not None and upload.size > MAX_BYTES:
            self.add_error("file", _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)})
        elif upload is None and not cleaned.get("document"):
            self.add_error("file", _("Choose a DFC file."))
        return cleaned

    def content(self) -> bytes:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return bytes(upload.read())
        return str(self.cleaned_data["document"]).encode("utf-8")


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def dfc_import(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    form = DfcImportForm(request.POST or None, request.FILES or None)
    result: DfcImportResult | None = None
    checked_document = ""
    action = request.POST.get("action", CHECK)
    if request.method == "POST" and form.is_valid():
        content = form.content()
        result = dfc_catalogue_import(
            actor=signed_in_user(request),
            organisation=organisation,
            document=content,
            dry_run=action != IMPORT,
        )
        if result.ok and action == IMPORT:
            messages.success(
                request,
                _(
                    "The DFC catalogue is imported: %(created)d variants added, %(updated)d updated, %(unchanged)d unchanged."
                )
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect("web:product_list", organisation_id=organisation.pk)
        if result.ok:
            checked_document = content.decode("utf-8-sig", errors="replace")
    return render(
        request,
        "web/integrations/dfc_import.html",
        {
            "organisation": organisation,
            "form": form,
            "result": result,
            "checked_document": checked_document,
            "action": action,
        },
        status=400 if request.method == "POST" and (result is None or not result.ok) else 200,
    )
