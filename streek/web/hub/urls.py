"""The hub's back office under /hub/: cycles, orders, documents, invoices, channels, pickup points and zones."""

from django.urls import URLPattern, URLResolver, path

from . import (
    channel_views,
    cycle_views,
    document_views,
    home_views,
    invoice_views,
    order_views,
    outgoing_views,
    setup_views,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home_views.hub_index, name="hub_index"),
    path("<int:hub_id>/", home_views.hub_home, name="hub_home"),
    # cycles and their set-up
    path("<int:hub_id>/rondes/nieuw/", cycle_views.cycle_create, name="hub_cycle_create"),
    path("rondes/<int:cycle_id>/", cycle_views.cycle_detail, name="hub_cycle"),
    path("rondes/<int:cycle_id>/bewerken/", cycle_views.cycle_edit, name="hub_cycle_edit"),
    path("rondes/<int:cycle_id>/publiceren/", cycle_views.cycle_publish, name="hub_cycle_publish"),
    path("rondes/<int:cycle_id>/annuleren/", cycle_views.cycle_cancel, name="hub_cycle_cancel"),
    path("rondes/<int:cycle_id>/kopieren/", cycle_views.cycle_clone, name="hub_cycle_clone"),
    path("rondes/<int:cycle_id>/herhalen/", cycle_views.cycle_series, name="hub_cycle_series"),
    path("rondes/<int:cycle_id>/producenten/", setup_views.cycle_producer_add_view, name="hub_cycle_producer_add"),
    path(
        "rondes/<int:cycle_id>/producenten/<int:exchange_id>/verwijderen/",
        setup_views.cycle_producer_remove_view,
        name="hub_cycle_producer_remove",
    ),
    path("rondes/<int:cycle_id>/aanbod/<int:producer_id>/", setup_views.cycle_offers, name="hub_cycle_offers"),
    path("rondes/<int:cycle_id>/kosten/", setup_views.cycle_fee_add, name="hub_cycle_fee_add"),
    path(
        "rondes/<int:cycle_id>/kosten/<int:fee_id>/verwijderen/",
        setup_views.cycle_fee_remove,
        name="hub_cycle_fee_remove",
    ),
    path("rondes/<int:cycle_id>/afhaalmomenten/", setup_views.cycle_slot_add, name="hub_cycle_slot_add"),
    path(
        "rondes/<int:cycle_id>/afhaalmomenten/<int:slot_id>/verwijderen/",
        setup_views.cycle_slot_remove,
        name="hub_cycle_slot_remove",
    ),
    # orders, totals, documents, closing, invoices
    path("rondes/<int:cycle_id>/bestellingen/", order_views.cycle_orders_view, name="hub_cycle_orders"),
    path("bestellingen/<int:order_id>/", order_views.order_detail, name="hub_order"),
    path("bestellingen/<int:order_id>/<slug:action>/", order_views.order_mark, name="hub_order_mark"),
    path("rondes/<int:cycle_id>/overzicht/", document_views.cycle_report_view, name="hub_cycle_report"),
    path(
        "rondes/<int:cycle_id>/overzicht.<slug:fmt>",
        document_views.cycle_report_download,
        name="hub_cycle_report_download",
    ),
    path(
        "rondes/<int:cycle_id>/picklijst/<int:producer_id>.<slug:fmt>",
        document_views.pick_list_download,
        name="hub_pick_list",
    ),
    path("rondes/<int:cycle_id>/paklijst.<slug:fmt>", document_views.packing_list_download, name="hub_packing_list"),
    path("rondes/<int:cycle_id>/afsluiten/", document_views.cycle_close_view, name="hub_cycle_close"),
    path("rondes/<int:cycle_id>/facturen/", invoice_views.cycle_invoices_view, name="hub_cycle_invoices"),
    path("facturen/<int:invoice_id>/pdf/", invoice_views.invoice_pdf, name="hub_invoice_pdf"),
    path("facturen/<int:invoice_id>/creditnota/", invoice_views.credit_note_create, name="hub_credit_note"),
    # channels
    path("<int:hub_id>/kanalen/", channel_views.channel_list, name="hub_channels"),
    path("<int:hub_id>/kanalen/<slug:kind>/", channel_views.channel_terms_edit, name="hub_channel_terms"),
    path("kanalen/<int:terms_id>/prijslijst/", channel_views.channel_price_list, name="hub_channel_prices"),
    path(
        "kanalen/<int:terms_id>/prijslijst/<int:row_id>/verwijderen/",
        channel_views.channel_price_remove_view,
        name="hub_channel_price_remove",
    ),
    path("kanalen/<int:terms_id>/toelatingen/", channel_views.channel_admission_list, name="hub_channel_admissions"),
    path(
        "kanalen/<int:terms_id>/toelatingen/<int:admission_id>/",
        channel_views.channel_admission_decide_view,
        name="hub_channel_admission_decide",
    ),
    path("<int:hub_id>/kratten/", channel_views.crate_list, name="hub_crates"),
    # pickup points and delivery zones
    path("<int:hub_id>/afhalen-en-leveren/", outgoing_views.outgoing_list, name="hub_outgoing"),
    path("<int:hub_id>/afhaalpunten/nieuw/", outgoing_views.pickup_point_create, name="hub_pickup_point_create"),
    path("<int:hub_id>/afhaalpunten/<int:point_id>/", outgoing_views.pickup_point_edit, name="hub_pickup_point_edit"),
    path("<int:hub_id>/zones/nieuw/", outgoing_views.zone_create, name="hub_zone_create"),
    path("<int:hub_id>/zones/<int:zone_id>/", outgoing_views.zone_edit, name="hub_zone_edit"),
]
