"""The public directory (map, list, sales point pages and their API) as one namespace of the response cache.

Every catalogue service that changes what those pages show (sales points, opening hours, closures, categories and
labels, organisations and their labels, products, events) calls `directory_changed()`; the cached answers of the
directory become stale when its transaction commits. See streek.core.response_cache.
"""

from streek.core.response_cache import response_cache_invalidate

DIRECTORY = "directory"


def directory_changed() -> None:
    """Make every cached answer of the directory stale once the current transaction commits."""
    response_cache_invalidate(DIRECTORY)
