"""The public board of offers and requests as a namespace of the response cache.

Every market service that changes what the public lists of offers and requests show (posts created, changed,
renewed, withdrawn or expired, surplus offered, donations that take or give back an offer's quantity) calls
`board_changed()`; the cached lists become stale when its transaction commits. The lists also show the posting
organisations, so they are cached under the directory's generation too. See streek.core.response_cache.
"""

from streek.core.response_cache import response_cache_invalidate

BOARD = "board"


def board_changed() -> None:
    """Make every cached list of the board stale once the current transaction commits."""
    response_cache_invalidate(BOARD)
