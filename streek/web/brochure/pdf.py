"""The brochure's PDF: the generic offline renderer lives in streek.core.pdf."""

from streek.core.pdf import LOCAL_SCHEMES, LocalOnlyURLFetcher, pdf_from_html

__all__ = ["LOCAL_SCHEMES", "LocalOnlyURLFetcher", "html_to_pdf"]


def html_to_pdf(html: str) -> bytes:
    return pdf_from_html(html)
