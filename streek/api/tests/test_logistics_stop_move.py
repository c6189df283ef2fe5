"""POST /logistics/stops/{id}/move: the move is made and the answer lists what it broke; refusals change nothing."""

import pytest
from django.test import Client

from streek.accounts.tests.factories import UserFactory
from streek.api.schemas.logistics import StopMoveOut
from streek.logistics.models import Stop
from streek.logistics.tests.dispatch import dispatch_plan

pytestmark = pytest.mark.django_db


def test_moving_a_delivery_before_its_goods_are_in_answers_with_the_warning() -> None:
    # given the shop's goods come back with route 1 at 08:35; route 2 leaves at 07:00
    dispatch = dispatch_plan()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(dispatch.owner)
    # when
    response = client.post(
        f"/api/v1/logistics/stops/{dispatch.shop.pk}/move", {"route": dispatch.dry.pk}, content_type="application/json"
    )
    # then
    assert response.status_code == 200, response.content
    body = StopMoveOut.model_validate(response.json())
    assert body.stop.id == dispatch.shop.pk and body.stop.is_locked and body.stop.arrival_at is not None
    assert set(body.route_ids) == {dispatch.cooled.pk, dispatch.dry.pk}
    [warning] = body.warnings
    assert (warning.kind, warning.route_id, warning.stop_id) == ("goods_not_ready", dispatch.dry.pk, dispatch.shop.pk)
    assert "collection route 1 is back at 08:35" in warning.message
    assert Stop.objects.get(pk=dispatch.shop.pk).route_id == dispatch.dry.pk


def test_refused_moves_change_nothing() -> None:
    dispatch = dispatch_plan()
    other = dispatch_plan()
    Stop.objects.filter(pk=dispatch.shop.pk).update(needs_cooling=True)
    before = list(Stop.objects.filter(plan=dispatch.plan).order_by("pk").values())
    url = f"/api/v1/logistics/stops/{dispatch.shop.pk}/move"
    client = Client()
    assert client.post(url, {"route": dispatch.dry.pk}, content_type="application/json").status_code == 401
    client.force_login(UserFactory())
    assert client.post(url, {"route": dispatch.dry.pk}, content_type="application/json").status_code == 404
    client.force_login(dispatch.staff)
    assert client.post(url, {"route": dispatch.dry.pk}, content_type="application/json").status_code == 403
    client.force_login(dispatch.owner)
    assert client.post(url, {"route": dispatch.dry.pk}, content_type="application/json").status_code == 400  # chilled
    assert client.post(url, {"route": other.dry.pk}, content_type="application/json").status_code == 400
    assert list(Stop.objects.filter(plan=dispatch.plan).order_by("pk").values()) == before
