from django.urls import URLPattern, URLResolver, path

from .views import admission, baskets, catalogue, checkout, orders, standing

urlpatterns: list[URLPattern | URLResolver] = [
    path("", catalogue.shop_list, name="shop_list"),
    # fixed paths before "<slug:slug>/": a hub's slug never shadows them
    path("mandje/", baskets.basket_list, name="basket_list"),
    path("mandje/<int:basket_id>/", baskets.basket_page, name="basket_page"),
    path("mandje/<int:basket_id>/regel/", baskets.basket_line_update, name="basket_line_update"),
    path("mandje/<int:basket_id>/afrekenen/", checkout.checkout_page, name="checkout"),
    path("bestellingen/", orders.order_list_page, name="order_list"),
    path("bestellingen/<int:order_id>/", orders.order_detail_page, name="order_detail"),
    path("bestellingen/<int:order_id>/bevestiging/", checkout.order_confirmation, name="order_confirmation"),
    path("bestellingen/<int:order_id>/annuleren/", orders.order_cancel_view, name="order_cancel"),
    path("bestellingen/<int:order_id>/aantallen/", orders.order_quantities_view, name="order_quantities"),
    path("bestellingen/<int:order_id>/opnieuw/", orders.order_reorder_view, name="order_reorder"),
    path("bestellingen/<int:order_id>/factuur/<int:invoice_id>.pdf", orders.invoice_pdf_view, name="order_invoice_pdf"),
    path("abonnementen/", standing.standing_list_page, name="standing_list"),
    path("abonnementen/nieuw/", standing.standing_create_view, name="standing_create"),
    path("abonnementen/<int:standing_id>/", standing.standing_detail_page, name="standing_detail"),
    path("abonnementen/<int:standing_id>/regels/", standing.standing_lines_view, name="standing_lines"),
    path("abonnementen/<int:standing_id>/pauzeren/", standing.standing_pause_view, name="standing_pause"),
    path("abonnementen/<int:standing_id>/hervatten/", standing.standing_resume_view, name="standing_resume"),
    path("abonnementen/<int:standing_id>/stoppen/", standing.standing_cancel_view, name="standing_cancel"),
    path("<slug:slug>/", catalogue.shop_page, name="shop_page"),
    path("<slug:slug>/mandje/", catalogue.basket_add, name="basket_add"),
    path("<slug:slug>/kopen-voor/", catalogue.buying_for_choose, name="shop_buying_for"),
    path("<slug:slug>/zakelijk/", admission.admission_request_view, name="shop_admission"),
]
