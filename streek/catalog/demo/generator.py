"""Build (or remove) the demo region around Sint-Truiden, Hasselt and Venlo; deterministic for a given seed."""

import sys
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from streek.accounts.models import User

from ..models import Event, Organisation, SalesPoint
from ..taxonomy_loading import load_taxonomies
from .build_events import events_build
from .build_organisations import custom_regions_build, labels_build, organisations_build
from .build_products import products_build
from .build_sales_points import change_reports_build, closures_build, history_build, sales_points_build
from .context import context_build
from .users import demo_users_filter, roles_build, users_build

DEMO_SEED = 20250601
STEPS = ("taxonomies", "regions", "users", "organisations", "products", "sales points", "history", "events")


@dataclass
class DemoResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    skipped_users: list[str] = field(default_factory=list)


def demo_exists() -> bool:
    return Organisation.objects.filter(is_demo=True).exists()


@transaction.atomic
def demo_delete() -> dict[str, int]:
    """Remove every demo row and the demo users (a real user with a demo username is kept)."""
    deleted = {
        "events": Event.objects.filter(is_demo=True).delete()[0],
        "sales points": SalesPoint.objects.filter(is_demo=True).delete()[0],
        "organisations": Organisation.objects.filter(is_demo=True).delete()[0],
        "users": User.objects.filter(demo_users_filter()).delete()[0],
    }
    return deleted


@transaction.atomic
def demo_load(
    *, seed: int = DEMO_SEED, reset: bool = False, now: datetime | None = None, progress: bool = False
) -> DemoResult:
    """Create the demo region unless it exists; with reset, remove it first. Returns what was made."""
    if reset:
        demo_delete()
    elif demo_exists():
        return DemoResult(created=False)
    now = now or timezone.now()
    with tqdm(total=len(STEPS), desc="Demo region", unit="step", file=sys.stderr, disable=not progress) as bar:

        def step(done: str) -> None:
            bar.update(1)
            following = STEPS.index(done) + 1
            bar.set_postfix_str(STEPS[following] if following < len(STEPS) else "done")

        bar.set_postfix_str(STEPS[0])

        load_taxonomies(lambda name: apps.get_model("catalog", name))
        step("taxonomies")
        ctx = context_build(seed=seed, now=now)
        regions = custom_regions_build(ctx)
        step("regions")
        users = users_build(ctx)
        step("users")
        organisations = organisations_build(ctx)
        labels = labels_build(ctx, organisations)
        roles_build(ctx, users, organisations)
        step("organisations")
        products = products_build(ctx, organisations)
        step("products")
        officers = {"BE": users["ambtenaar.sinttruiden"], "NL": users["ambtenaar.venlo"]}
        points = sales_points_build(ctx, organisations, officers)
        closures = closures_build(ctx, points)
        step("sales points")
        history_build(ctx, points, officers)
        reports = change_reports_build(ctx, points, users["bewoner"])
        step("history")
        events = events_build(ctx, organisations, points)
        step("events")
    counts = {
        "custom regions": len(regions),
        "organisations": len(organisations),
        "organisation labels": len(labels),
        "products": len(products),
        "variants": ctx.made["variants"],
        "product claims": ctx.made["claims"],
        "sales points": len(points),
        "opening rules": ctx.made["opening_rules"],
        "closure periods": len(closures),
        "change reports": len(reports),
        "events": len(events),
    }
    return DemoResult(created=True, counts=counts, skipped_users=ctx.made["skipped_users"])
