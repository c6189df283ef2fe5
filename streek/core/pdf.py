"""HTML to PDF with WeasyPrint, never reaching the network: only data: and file: URLs are fetched.

Documents (brochures, invoices, pick and packing lists) embed everything they show, so a PDF is made
offline and the same HTML always gives the same document.
"""

import os
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

LOCAL_SCHEMES = ("data", "file")

# Where the HarfBuzz-Subset library is missing, WeasyPrint subsets the embedded fonts with fontTools, which writes
# the time of subsetting into each font's `head` table unless SOURCE_DATE_EPOCH says otherwise: the same HTML would
# give a different PDF every second. A fixed epoch (unless the environment sets one) keeps documents reproducible.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")


class LocalOnlyURLFetcher(URLFetcher):  # type: ignore[misc]
    """Refuses every URL that is not data: or file: (a document embeds all it shows)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allowed_protocols=LOCAL_SCHEMES, allow_redirects=False, **kwargs)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.split(":", 1)[0].lower() not in LOCAL_SCHEMES:
            raise ValueError(f"refused to fetch {url}: a PDF is made offline")
        return super().fetch(url, headers)


def pdf_from_html(html: str) -> bytes:
    """The PDF of a self-contained HTML document."""
    pdf = HTML(string=html, base_url=None, url_fetcher=LocalOnlyURLFetcher()).write_pdf()
    return bytes(pdf or b"")
