import pytest
from django.utils import translation

from streek.web.shop.forms import ShopFilterForm

pytestmark = pytest.mark.django_db  # the product type choices come from the taxonomy

PRODUCERS = [(3, "Hoeve <De Linde>"), (7, "Zuivelhoeve")]


def test_producer_select_lists_the_producers_escaped_with_the_chosen_one_selected() -> None:
    # given a filter with a chosen producer
    with translation.override("en"):
        form = ShopFilterForm({"producer": "7"}, producers=PRODUCERS)

        # when the producer field is rendered
        html = str(form["producer"])

    # then every producer is an option, names escaped, the chosen one selected, after "All producers"
    assert '<option value="">All producers</option>' in html
    assert '<option value="3">Hoeve &lt;De Linde&gt;</option>' in html
    assert '<option value="7" selected>Zuivelhoeve</option>' in html
    assert 'id="shop-producer"' in html
    assert form.filters()["producer_id"] == 7


def test_producer_select_follows_its_producers_and_language() -> None:
    # given the same form rendered once (its options are kept per process)
    with translation.override("en"):
        str(ShopFilterForm({}, producers=PRODUCERS)["producer"])

        # when a producer joins and the language changes, then the options follow (they are keyed on their content)
        html = str(ShopFilterForm({}, producers=[*PRODUCERS, (9, "Nieuwe Hoeve")])["producer"])
    with translation.override("nl"):
        dutch = str(ShopFilterForm({}, producers=PRODUCERS)["producer"])

    assert '<option value="9">Nieuwe Hoeve</option>' in html
    assert '<option value="" selected>All producers</option>' in html
    assert "All producers" not in dutch


def test_unknown_or_invalid_producer_is_ignored() -> None:
    # when the producer is not one of the cycle's, or not a number, then the filter shows all producers
    assert ShopFilterForm({"producer": "42"}, producers=PRODUCERS).filters()["producer_id"] is None
    assert ShopFilterForm({"producer": "x"}, producers=PRODUCERS).filters()["producer_id"] is None
    assert ShopFilterForm({"producer": "3", "q": " kaas "}, producers=PRODUCERS).filters() == {
        "search": "kaas",
        "producer_id": 3,
        "product_type_key": None,
    }
