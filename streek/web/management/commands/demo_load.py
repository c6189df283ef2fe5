from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from streek.catalog.demo.generator import DEMO_SEED, demo_load
from streek.catalog.demo.users import DEMO_PASSWORD, login_rows
from streek.logistics.demo import logistics_demo_delete, logistics_demo_load, logistics_login_rows
from streek.monitor.demo import monitor_demo_delete, monitor_demo_load
from streek.orders.demo import trade_demo_delete, trade_demo_load
from streek.strategy.demo import strategy_demo_delete, strategy_demo_load


class Command(BaseCommand):
    help = (
        "Load the demo region (Haspengouw and Noord-Limburg) with organisations, sales points, products, events, "
        "trade (a food hub's order cycles, orders, invoices) and demo logins. Does nothing when the demo exists, "
        "unless --reset."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Delete all demo data and demo users, then rebuild.")
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="Random seed (the same seed, the same demo).")
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            strategy_demo_delete()
            monitor_demo_delete()  # facts of the demo organisations and the producers the monitor demo added
            logistics_demo_delete()  # plans refer to the cycles, vehicles to the hub
            trade_demo_delete()  # orders protect the organisations the catalogue demo removes
        result = demo_load(seed=options["seed"], reset=options["reset"], progress=not options["no_progress"])
        if result.created:
            summary = ", ".join(f"{name}: {count}" for name, count in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo region created. {summary}"))
        else:
            self.stdout.write("Demo region already present (use --reset to rebuild).")
        trade = trade_demo_load(seed=options["seed"])
        if trade.created:
            summary = ", ".join(f"{name}: {count}" for name, count in trade.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo trade created. {summary}"))
        logistics = logistics_demo_load()
        if logistics.created:
            summary = ", ".join(f"{name}: {count}" for name, count in logistics.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo rounds planned. {summary}"))
        monitor = monitor_demo_load(seed=options["seed"])
        if monitor.created:
            summary = ", ".join(f"{name}: {count}" for name, count in monitor.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo monitor history created. {summary}"))
        strategy = strategy_demo_load()
        if strategy.created:
            summary = ", ".join(f"{name}: {count}" for name, count in strategy.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo policy goals created. {summary}"))
        for username in result.skipped_users:
            self.stdout.write(self.style.WARNING(f"User '{username}' already existed and was left unchanged."))
        self._print_logins()

    def _print_logins(self) -> None:
        rows = [("username", "role", "what to try"), *login_rows(), *logistics_login_rows()]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        rule = "-" * (widths[0] + widths[1] + 40)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(rule)
        for number, (username, role, try_this) in enumerate(rows):
            self.stdout.write(f"{username:<{widths[0]}}  {role:<{widths[1]}}  {try_this}")
            if number == 0:
                self.stdout.write(rule)
        self.stdout.write(rule)
