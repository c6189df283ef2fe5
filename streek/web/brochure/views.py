"""The printable brochure: choose municipalities or a region and a language, get an A4 PDF made with WeasyPrint."""

from typing import Any

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from streek.catalog.brochure import Brochure, brochure_build, brochure_municipalities
from streek.catalog.selectors.open_data import open_data_areas
from streek.core.exceptions import ApplicationError, NotFound

from .forms import BrochureForm
from .pdf import html_to_pdf


def public_point_url(slug: str) -> str:
    try:
        path = reverse("web:sales_point_detail", args=[slug])
    except NoReverseMatch:
        path = f"/verkooppunt/{slug}/"
    return settings.STREEK_PUBLIC_URL.rstrip("/") + path


def qr_svg(url: str) -> str:
    """A QR code as inline SVG (segno), black on white, sized by the print CSS."""
    return segno.make(url, error="m").svg_inline(scale=1, border=1, dark="#000", light="#fff")


def brochure_html(brochure: Brochure) -> str:
    """The brochure as one HTML document (styles inline, no external resources) in the active language."""
    for entry in brochure.entries:
        entry.qr_svg = mark_safe(qr_svg(public_point_url(entry.point.slug)))  # noqa: S308 - markup made by segno
    return render_to_string(
        "web/brochure/pdf.html",
        {
            "brochure": brochure,
            "site_name": settings.STREEK_SITE_NAME,
            "public_url": settings.STREEK_PUBLIC_URL,
            "licence": settings.STREEK_OPEN_DATA_LICENCE,
            "licence_url": settings.STREEK_OPEN_DATA_LICENCE_URL,
            "language": get_language(),
        },
    )


def _form(request: HttpRequest, data: Any = None) -> BrochureForm:
    initial = {"language": (get_language() or "nl")[:2], "municipality": request.GET.getlist("municipality")}
    return BrochureForm(data, areas=open_data_areas(), initial=initial)


@require_GET
def brochure_form(request: HttpRequest) -> HttpResponse:
    return render(request, "web/brochure/form.html", {"form": _form(request)})


@require_GET
def brochure_pdf(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.GET)
    if not form.is_valid():
        return render(request, "web/brochure/form.html", {"form": form}, status=400)
    language = form.cleaned_data["language"]
    try:
        municipalities = brochure_municipalities(
            codes=form.cleaned_data["municipality"], region=form.cleaned_data["region"]
        )
        with translation.override(language):
            brochure = brochure_build(municipalities=municipalities)
            html = brochure_html(brochure)
    except NotFound:
        form.add_error(None, _("Some of the chosen municipalities or the region are unknown."))
        return render(request, "web/brochure/form.html", {"form": form}, status=400)
    except ApplicationError as error:
        if "count" in error.extra:
            message = _("That is too much for one brochure: choose fewer municipalities (at most %(max)s points).")
        else:
            message = _("That is too much for one brochure: choose at most %(max)s municipalities.")
        form.add_error(None, message % {"max": error.extra.get("max", "")})
        return render(request, "web/brochure/form.html", {"form": form}, status=400)
    if request.GET.get("format") == "html":
        return HttpResponse(html)
    name = slugify(brochure.area_name)[:60] or "brochure"
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(settings.STREEK_SITE_NAME)}-{name}.pdf"'
    return response
