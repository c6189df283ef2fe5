"""HTML to PDF with WeasyPrint, never reaching the network: only data: and file: URLs are fetched.

Documents (brochures, invoices, pick and packing lists) embed everything they show, so a PDF is made
offline and the same HTML always gives the same document.
"""

from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

LOCAL_SCHEMES = ("data", "file")


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
