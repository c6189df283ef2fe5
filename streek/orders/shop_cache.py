"""The hubs' public shop pages as a namespace of the response cache.

Every trade service that changes what a shop shows to a visitor (cycles and their times, producers, offers and
their stock, fees, channel terms and prices, and every order that takes or gives back stock) calls
`shop_changed()`; the cached shop pages become stale when its transaction commits. The pages also depend on the
catalogue (product and producer names, photos): they are cached under the directory's generation too, which the
catalogue services replace. See streek.core.response_cache.
"""

from streek.core.response_cache import response_cache_invalidate

SHOP = "shop"


def shop_changed() -> None:
    """Make every cached shop page stale once the current transaction commits."""
    response_cache_invalidate(SHOP)
