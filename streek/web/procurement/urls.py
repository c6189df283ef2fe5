"""Market scan pages under /marktverkenning/ and the donation pages under /marktverkenning/schenkingen/."""

from django.urls import URLPattern, URLResolver, path

from . import donation_views, scan_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("sjabloon.csv", scan_views.scan_template_csv, name="procurement_scan_template"),
    path("organisatie/<int:organisation_id>/", scan_views.scan_list, name="procurement_scan_list"),
    path("scan/<int:scan_id>/", scan_views.scan_detail, name="procurement_scan_detail"),
    path("scan/<int:scan_id>/herberekenen/", scan_views.scan_recompute, name="procurement_scan_recompute"),
    path("scan/<int:scan_id>/export.csv", scan_views.scan_csv, name="procurement_scan_csv"),
    path("scan/<int:scan_id>/export.pdf", scan_views.scan_pdf, name="procurement_scan_pdf"),
    path("schenkingen/<int:organisation_id>/", donation_views.donation_overview, name="donation_overview"),
    path(
        "schenkingen/<int:organisation_id>/aanbod/<int:offer_id>/claimen/",
        donation_views.donation_claim_view,
        name="donation_claim",
    ),
    path(
        "schenkingen/<int:organisation_id>/aanbod/<int:offer_id>/verspilling/",
        donation_views.offer_log_waste_view,
        name="donation_log_waste",
    ),
    path(
        "schenkingen/<int:organisation_id>/<int:donation_id>/ontvangen/",
        donation_views.donation_confirm_view,
        name="donation_confirm",
    ),
    path(
        "schenkingen/<int:organisation_id>/<int:donation_id>/annuleren/",
        donation_views.donation_cancel_view,
        name="donation_cancel",
    ),
    path(
        "schenkingen/ontvangstbewijs/<int:donation_id>.pdf",
        donation_views.donation_receipt_pdf,
        name="donation_receipt_pdf",
    ),
]
