import json
from decimal import Decimal

import pytest
from django.test import override_settings

from streek.catalog.tests.factories import concept
from streek.market.choices import MatchStatus
from streek.market.matching.engine import match_post, rematch_all
from streek.market.models import Match
from streek.market.tests.factories import MatchFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _rows() -> list:
    return list(Match.objects.values_list("offer_id", "request_id", "score", "breakdown"))


def _market() -> None:
    types = ["carrot", "vegetable", "leek", "apples", "fruit"]
    for n in range(10):
        OfferFactory(
            product_type=concept("product_type", types[n % 5]),
            lat=50.7 + n * 0.03,
            quantity=Decimal(10 + n * 20),
            delivery_possible=bool(n % 2),
        )
        RequestFactory(
            product_type=concept("product_type", types[(n + 2) % 5]),
            lon=5.0 + n * 0.04,
            quantity=Decimal(50 + n * 10),
            needs_delivery=bool(n % 3),
            max_distance_km=25 + n * 5,
        )


@override_settings(STREEK_MATCH_TOP_K=3)
def test_a_full_rematch_keeps_each_posts_best_k_and_is_idempotent() -> None:
    # given
    _market()

    # when
    first = rematch_all()
    pairs = set(Match.objects.values_list("offer_id", "request_id", "score"))
    second = rematch_all()

    # then
    assert first.write.inserted == len(pairs) > 0
    assert (second.write.inserted, second.write.updated, second.write.deleted) == (0, 0, 0)
    assert set(Match.objects.values_list("offer_id", "request_id", "score")) == pairs
    for offer_id in {o for o, _, _ in pairs}:
        own = sorted((s for o, _, s in pairs if o == offer_id), reverse=True)
        assert len(own) >= 1
    by_request: dict[int, int] = {}
    for _, request_id, _ in pairs:
        by_request[request_id] = by_request.get(request_id, 0) + 1
    assert max(by_request.values()) <= 3 + 10  # its own best 3, plus offers that keep it in theirs


@override_settings(STREEK_MATCH_TOP_K=50)
def test_with_a_large_k_the_full_rematch_finds_what_one_by_one_matching_finds() -> None:
    _market()
    rematch_all()
    full = {(o, r, s, json.dumps(b, sort_keys=True)) for o, r, s, b in _rows()}
    Match.objects.all().delete()

    from streek.market.models import Offer

    for offer in Offer.objects.all():
        match_post(kind="offer", post_id=offer.pk)

    assert {(o, r, s, json.dumps(b, sort_keys=True)) for o, r, s, b in _rows()} == full
    assert len(full) > 5


def test_a_rematch_keeps_matches_people_acted_on_and_removes_stale_new_ones() -> None:
    contacted = MatchFactory(status=MatchStatus.CONTACTED, request__product_type=concept("product_type", "apples"))
    stale = MatchFactory(request__product_type=concept("product_type", "apples"))

    result = rematch_all()

    assert result.write.deleted == 1
    assert Match.objects.filter(pk=contacted.pk).exists()
    assert not Match.objects.filter(pk=stale.pk).exists()


@pytest.mark.postgres
@override_settings(STREEK_MATCH_TOP_K=3)
def test_a_bulk_fill_builds_the_indexes_after_the_rows_and_stores_the_same_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given the matches written the ordinary way
    from django.db import connection

    from streek.market.matching import store

    _market()
    rematch_all()
    expected = sorted(_rows())
    Match.objects.all().delete()

    # when a fill counts as a bulk fill (indexes dropped and built again) and changed scores as a bulk update
    monkeypatch.setattr(store, "REBUILD_MIN_ROWS", 1)
    monkeypatch.setattr(store, "BULK_UPDATE_MIN_ROWS", 1)
    result = rematch_all()

    # then the same rows, and the indexes are back
    assert result.write.inserted == len(expected)
    assert sorted(_rows()) == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'market_match'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"market_match_pair_unique", "market_match_request_score", "market_match_offer_score"} <= names
    # and a changed score goes through the bulk update
    Match.objects.update(score=0.01)
    again = rematch_all()
    assert again.write.updated == len(expected)
    assert sorted(_rows()) == expected


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(STREEK_MATCH_TOP_K=3)
def test_a_large_rematch_vacuums_the_match_table_but_not_inside_a_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection, transaction

    from streek.market.matching import engine

    # given a market, and a threshold every write passes
    _market()
    monkeypatch.setattr(engine, "VACUUM_MIN_ROWS", 1)

    # when the full re-match runs inside a transaction, then nothing is vacuumed (PostgreSQL would refuse)
    with transaction.atomic():
        inside = rematch_all()
    assert "vacuum" not in inside.seconds

    # and when it runs on its own, as the command does, the table is vacuumed and analysed after the write
    Match.objects.all().delete()
    alone = rematch_all()
    assert alone.write.inserted > 0
    assert "vacuum" in alone.seconds
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'market_match'")
        assert cursor.fetchone() == (True,)
