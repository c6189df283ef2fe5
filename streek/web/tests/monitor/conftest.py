"""Monitor page tests: charts are stubbed unless a test asks for the real ones (matplotlib is slow, and the
charts have their own tests in streek/monitor/tests/test_charts.py)."""

from collections.abc import Iterator
from typing import Any

import pytest


def _stub_chart(**kwargs: Any) -> str:
    return f'<svg class="chart-stub"><title>{kwargs.get("title", "")}</title></svg>'


@pytest.fixture(autouse=True)
def stub_charts(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if "real_charts" not in request.fixturenames:
        monkeypatch.setattr("streek.web.monitor.dashboard.trend_chart_svg", _stub_chart)
    yield


@pytest.fixture
def real_charts() -> None:
    """Ask for this fixture to draw the real charts."""
