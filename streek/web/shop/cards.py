"""The shop page's offer cards, written in Python.

The cards are the bulk of the shop page: 24 of them, each with a name, badges, the price and an order form.
Rendered through an included Django template per card they cost most of the page's Python time (variable
lookups, `{% url %}` and `{% csrf_token %}` per card); here every part that is the same for all cards (the form
action, the CSRF token, the producer page URL pattern) is made once per page, and each card is a few string
joins. The markup is the one of the former `web/shop/_offer_row.html`; every text is escaped.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .display import OfferRow

# A slug never contains this; the producer page URL is reversed once with it and filled in per card.
_SLUG = "streek-slug-placeholder"
# Where the offer id goes in the form made once per page (escaped text never contains "\x00").
_OFFER = "\x00offer\x00"


@dataclass(frozen=True)
class CardTexts:
    """The translated texts of a card, looked up once per page."""

    in_season: str
    chilled: str
    sold_out: str
    direct: str
    via_one: str
    each_incl_vat: str
    quantity: str
    preparation: str
    no_preference: str
    update_basket: str
    add_to_basket: str

    @classmethod
    def current(cls) -> "CardTexts":
        return cls(
            in_season=escape(_("In season")),
            chilled=escape(_("Chilled")),
            sold_out=escape(_("Sold out")),
            direct=escape(_("direct from the producer")),
            via_one=escape(_("via 1 intermediary")),
            each_incl_vat=escape(_("each, incl. VAT")),
            quantity=escape(_("Quantity")),
            preparation=escape(_("Preparation")),
            no_preference=escape(_("No preference")),
            update_basket=escape(_("Update basket")),
            add_to_basket=escape(_("Add to basket")),
        )


def _number(value: Any) -> str:
    """A number as the templates show it (localised; the settings use no thousands separator)."""
    if isinstance(value, int):
        return str(value)
    return escape(str(localize(value)))


def offer_cards(
    items: Sequence[OfferRow],
    *,
    hub_slug: str,
    cycle_id: int,
    can_order: bool,
    preparations: Sequence[tuple[str, str]],
    csrf_token: str,
    next_path: str,
) -> SafeString:
    """The `<li>` of every offer of the page."""
    texts = CardTexts.current()
    producer_url = reverse("web:organisation_detail", args=[_SLUG])
    form_start = ""
    if can_order:
        action = escape(reverse("web:basket_add", args=[hub_slug]))
        form_start = (
            f'<form method="post" action="{action}" class="add-form" hx-post="{action}" '
            f'hx-target="#offer-{_OFFER}-status" hx-swap="innerHTML">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
            f'<input type="hidden" name="cycle" value="{cycle_id}">'
            f'<input type="hidden" name="offer" value="{_OFFER}">'
            f'<input type="hidden" name="next" value="{escape(next_path.replace(_OFFER, ""))}">'
        )
    preparation_options = ""
    if preparations:
        preparation_options = f'<option value="">{texts.no_preference}</option>' + "".join(
            f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in preparations
        )
    html = [
        _card(item, texts=texts, producer_url=producer_url, form_start=form_start, options=preparation_options)
        for item in items
    ]
    return mark_safe("".join(html))  # noqa: S308 - every value is escaped above


def _card(item: OfferRow, *, texts: CardTexts, producer_url: str, form_start: str, options: str) -> str:
    row = item.row
    product, variant, producer = row.product, row.variant, row.producer
    offer_id = str(item.offer_id)
    product_name = escape(product.name)
    variant_name = escape(variant.name)
    producer_name = escape(producer.name)
    sold_out = item.is_sold_out
    parts = [
        f'<li class="offer-row{" sold-out" if sold_out else ""}" id="offer-{offer_id}">',
        '<div class="offer-main"><h3 class="offer-name">',
        product_name,
        f' <span class="offer-variant">· {variant_name}</span>' if variant_name else "",
        '</h3><p class="offer-meta">',
        f"{_number(variant.quantity.normalize())} {escape(variant.unit.label)} · ",
        (
            f'<a href="{escape(producer_url.replace(_SLUG, producer.slug))}">{producer_name}</a>'
            if producer.slug
            else producer_name
        ),
        '</p><p class="offer-badges">',
        f'<span class="badge">{texts.in_season}</span>' if item.in_season else "",
        f'<span class="badge badge-cold">{texts.chilled}</span>' if row.is_chilled else "",
    ]
    if sold_out:
        parts.append(f'<span class="badge badge-error">{texts.sold_out}</span>')
    elif item.low_stock:
        left = ngettext("Only %(counter)s left", "Only %(counter)s left", item.low_stock) % {
            "counter": _number(item.low_stock)
        }
        parts.append(f'<span class="badge badge-warn">{escape(left)}</span>')
    share = _("%(share)s%% goes to the producer") % {"share": _number(item.share_percent)}
    parts += [
        f'</p><p class="offer-share small">{escape(share)} · ',
        texts.direct if item.intermediaries == 0 else texts.via_one,
        "</p>",
    ]
    if item.has_case_terms:
        case_terms = _("Per case of %(case)s, order at least %(minimum)s") % {
            "case": _number(row.case_size),
            "minimum": _number(row.minimum_quantity),
        }
        parts.append(f'<p class="offer-case small">{escape(case_terms)}</p>')
    parts.append(
        f'</div><div class="offer-buy"><p class="offer-price"><strong>€ {_number(item.price_each)}</strong> '
        f'<span class="small">{texts.each_incl_vat}</span>'
    )
    if row.case_size > 1:
        per_case = _("€ %(price)s per case of %(case)s") % {
            "price": _number(item.price_case),
            "case": _number(row.case_size),
        }
        parts.append(f'<br><span class="small">{escape(per_case)}</span>')
    parts.append("</p>")
    if form_start and not sold_out:
        maximum = f' max="{_number(row.available)}"' if row.available is not None else ""
        label_suffix = product_name + (f", {variant_name}" if variant_name else "")
        parts += [
            form_start.replace(_OFFER, offer_id),
            '<div class="add-row">',
            f'<label for="quantity-{offer_id}">{texts.quantity}<span class="visually-hidden"> {label_suffix}</span>'
            "</label>",
            f'<input type="number" id="quantity-{offer_id}" name="quantity" value="{_number(item.initial_quantity)}" '
            f'min="0" step="{_number(item.step)}"{maximum} inputmode="numeric" class="quantity-input">',
        ]
        if options:
            parts.append(
                f'<label for="preparation-{offer_id}" class="visually-hidden">{texts.preparation}</label>'
                f'<select id="preparation-{offer_id}" name="preparation">{options}</select>'
            )
        in_basket = ""
        if item.in_basket:
            in_basket = escape(_("In your basket: %(quantity)s.") % {"quantity": _number(item.in_basket)})
        parts.append(
            f'<button type="submit">{texts.update_basket if item.in_basket else texts.add_to_basket}</button></div>'
            f'<p class="add-status small" id="offer-{offer_id}-status" role="status">{in_basket}</p></form>'
        )
    parts.append("</div></li>")
    return "".join(parts)
