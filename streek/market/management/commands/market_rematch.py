"""Match every active offer with every active request again (after a change of the scoring, or nightly)."""

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from streek.market.matching.engine import rematch_all


class Command(BaseCommand):
    help = "Full re-match: every active offer against every active request; keeps the best K of each post."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--top-k", type=int, default=None, help="Matches kept per post (STREEK_MATCH_TOP_K).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, top_k: int | None = None, no_progress: bool = False, **options: Any) -> None:
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if no_progress:
                return
            bar = bars.get(stage)
            if bar is None:
                label = "requests matched" if stage == "match" else "matches written"
                bar = bars[stage] = tqdm(total=total, desc=label, unit="", file=self.stderr)
            bar.update(done - bar.n)

        result = rematch_all(k=top_k, progress=progress)
        for bar in bars.values():
            bar.close()
        write = result.write
        self.stdout.write(
            f"{result.offers} offers x {result.requests} requests: {result.scored} candidate pairs scored, "
            f"{result.kept} matches kept ({write.inserted} new, {write.updated} updated, {write.deleted} removed, "
            f"{write.unchanged} unchanged) in {result.seconds['total']:.1f} s."
        )
