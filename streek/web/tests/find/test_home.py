import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_searches_near_a_place_and_leads_to_map_list_and_calendar(client: Client) -> None:
    response = client.get(reverse("web:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("web:map")}"' in html
    assert 'name="near"' in html
    assert f'href="{reverse("web:sales_point_list")}"' in html
    assert f'href="{reverse("web:event_list")}"' in html
