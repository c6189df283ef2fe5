from pathlib import Path

import pytest

from streek.core import file_cache
from streek.core.file_cache import SampledCullFileCache


def test_keeps_and_returns_entries(tmp_path: Path) -> None:
    store = SampledCullFileCache(str(tmp_path), {})

    store.set("page", {"content": b"<p>hallo</p>"}, 60)

    assert store.get("page") == {"content": b"<p>hallo</p>"}


def test_culls_when_a_sampled_write_finds_it_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_cache, "CULL_SAMPLE", 1)  # every write checks
    store = SampledCullFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})

    for number in range(20):
        store.set(f"page-{number}", number, 60)

    assert len(list(tmp_path.glob("*.djcache"))) <= 5
