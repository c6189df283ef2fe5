import time

import pytest
import weasyprint.pdf.fonts

from streek.core.pdf import LocalOnlyURLFetcher, pdf_from_html

HTML = "<html lang='nl'><body><h1>Streek</h1><p>Appels, peren en kersen uit Haspengouw.</p></body></html>"


@pytest.mark.parametrize("harfbuzz_subset", [True, False], ids=["harfbuzz", "fonttools"])
def test_the_same_html_gives_the_same_pdf(monkeypatch: pytest.MonkeyPatch, harfbuzz_subset: bool) -> None:
    # given fonts subset by HarfBuzz, or by fontTools as on a machine without HarfBuzz-Subset
    if not harfbuzz_subset:
        monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    # when the same document is made twice, more than a second apart
    first = pdf_from_html(HTML)
    time.sleep(1.1)
    second = pdf_from_html(HTML)
    # then both are the same PDF
    assert first.startswith(b"%PDF")
    assert first == second


def test_a_pdf_never_fetches_a_remote_url() -> None:
    # given the fetcher of every PDF
    fetcher = LocalOnlyURLFetcher()
    # when a document asks for a remote image, then the fetch is refused before anything leaves the machine
    with pytest.raises(ValueError, match="offline"):
        fetcher.fetch("https://example.org/logo.png")
    # and a document that points at one is still made, without the image
    assert pdf_from_html("<html><body><img src='https://example.org/logo.png' alt='logo'></body></html>").startswith(
        b"%PDF"
    )
