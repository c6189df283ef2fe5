from django.urls import URLPattern, URLResolver, path

from . import board_views, match_views, post_views

# kind is "offer" or "request" (the selectors' names); the Dutch words are the paths.
OFFER = {"kind": "offer"}
REQUEST = {"kind": "request"}

urlpatterns: list[URLPattern | URLResolver] = [
    path("", board_views.board, name="market_board"),
    path("aanbod/<int:offer_id>/", board_views.offer_detail, name="market_offer"),
    path("vraag/<int:request_id>/", board_views.request_detail, name="market_request"),
    path("aanbod/<int:post_id>/contact/", board_views.post_contact, OFFER, name="market_offer_contact"),
    path("vraag/<int:post_id>/contact/", board_views.post_contact, REQUEST, name="market_request_contact"),
    path("organisatie/<int:organisation_id>/aanbod/nieuw/", post_views.post_create, OFFER, name="market_offer_create"),
    path(
        "organisatie/<int:organisation_id>/vraag/nieuw/", post_views.post_create, REQUEST, name="market_request_create"
    ),
    path("aanbod/<int:post_id>/bewerken/", post_views.post_edit, OFFER, name="market_offer_edit"),
    path("vraag/<int:post_id>/bewerken/", post_views.post_edit, REQUEST, name="market_request_edit"),
    path("aanbod/<int:post_id>/verlengen/", post_views.post_renew, OFFER, name="market_offer_renew"),
    path("vraag/<int:post_id>/verlengen/", post_views.post_renew, REQUEST, name="market_request_renew"),
    path("aanbod/<int:post_id>/intrekken/", post_views.post_withdraw, OFFER, name="market_offer_withdraw"),
    path("vraag/<int:post_id>/intrekken/", post_views.post_withdraw, REQUEST, name="market_request_withdraw"),
    path("aanbod/<int:post_id>/matches/", match_views.post_matches, OFFER, name="market_offer_matches"),
    path("vraag/<int:post_id>/matches/", match_views.post_matches, REQUEST, name="market_request_matches"),
    path("match/<int:match_id>/", match_views.match_detail, name="market_match"),
    path("match/<int:match_id>/vaste-bestelling/", match_views.match_standing_order, name="market_match_standing"),
    path("match/<int:match_id>/bestelling/", match_views.match_order, name="market_match_order"),
    path("match/<int:match_id>/afwijzen/", match_views.match_dismiss_view, name="market_match_dismiss"),
    path("match/<int:match_id>/heropenen/", match_views.match_reopen_view, name="market_match_reopen"),
    path("match/<int:match_id>/contact/", match_views.match_contact, name="market_match_contact"),
    path("mijn/", match_views.my_market, name="market_mine"),
    path("gesprek/<int:thread_id>/", match_views.thread_detail, name="market_thread"),
    path("organisatie/<int:organisation_id>/digest/", match_views.digest_toggle, name="market_digest"),
]
