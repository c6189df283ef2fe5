"""Pull another instance's open sales points into the read-only mirror (run it daily from cron with --all)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from streek.interop.models import MirrorSource
from streek.interop.services.mirror import MirrorError, mirror_pull, mirror_source_get_or_create


class Command(BaseCommand):
    help = (
        "Mirror the sales points GeoJSON at URL (e.g. https://other.example/open-data/verkooppunten.geojson); "
        "--all refreshes every mirrored source."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("url", nargs="?", help="The GeoJSON address of the source.")
        parser.add_argument("--name", default="", help="Name shown for the source (default: its host name).")
        parser.add_argument("--all", action="store_true", help="Refresh every mirrored source.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, url: str | None = None, name: str = "", **options: Any) -> None:
        if options["all"] == bool(url):
            raise CommandError("Give a URL or --all (not both).")
        try:
            sources = (
                list(MirrorSource.objects.order_by("name"))
                if options["all"]
                else [mirror_source_get_or_create(url=url or "", name=name)]
            )
        except MirrorError as error:
            raise CommandError(error.message) from error
        failures = 0
        for source in sources:
            failures += self._pull(source, quiet=options["no_progress"] or options["verbosity"] == 0)
        if failures:
            raise CommandError(f"{failures} source(s) failed.")

    def _pull(self, source: MirrorSource, *, quiet: bool) -> int:
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if quiet:
                return
            bar = bars.get(stage)
            if bar is None:
                label = f"{source.name}: " + ("download" if stage == "fetch" else "sales points")
                bar = bars[stage] = tqdm(total=total, desc=label, unit="", file=self.stderr)
            bar.update(done - bar.n)

        try:
            result = mirror_pull(source=source, progress=progress)
        except MirrorError as error:
            self.stderr.write(f"{source.name} ({source.url}): {error.message}")
            for line in error.extra.get("errors", []):
                self.stderr.write(f"  {line}")
            return 1
        finally:
            for bar in bars.values():
                bar.close()
        self.stdout.write(
            f"{source.name}: {result.source.item_count} sales points ({result.created} new, {result.updated} "
            f"updated, {result.removed} removed), licence {result.source.licence or '-'}."
        )
        return 0
