import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.services.products import product_activate, product_deactivate
from streek.catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_deactivate_hides_and_activate_shows_again() -> None:
    product = ProductFactory(is_active=True)

    product_deactivate(product=product, actor=UserFactory())
    product.refresh_from_db()
    assert product.is_active is False

    product_activate(product=product, actor=UserFactory())
    product.refresh_from_db()
    assert product.is_active is True
