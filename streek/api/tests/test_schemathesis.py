"""schemathesis against the running API: every operation of /api/v1/ over real HTTP (pytest-django's live server).

For each operation of the OpenAPI schema the app serves, schemathesis generates requests from the schema
(a fixed, derandomised set of examples) and checks that no answer is a server error, that every answer has a
status code the schema documents and a body that matches its schema. The data seeded first (a producer with
products, a sales point, a hub's published cycle with offers and a pickup slot) and a signed-in session (with
its CSRF token) let the generated ids hit real objects and the authenticated endpoints do real work.

One test walks every operation, so the live server and the database are set up once: it finishes in well
under three minutes. Failures of every operation are collected and reported together.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

import pytest
import requests
import schemathesis
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.tests.factories import (
    OpeningRuleFactory,
    OrganisationFactory,
    ProductFactory,
    SalesPointFactory,
    VariantFactory,
    concept,
)
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory, PickupSlotFactory

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_EXAMPLES = 12
REQUEST_TIMEOUT = 120  # seconds; generous, for a loaded CI machine
CSRF_SECRET = "schemathesisCsrfSecret0123456789"  # 32 characters: an unmasked CSRF secret
CHECKS: list[Callable[..., Any]] = [not_a_server_error, status_code_conformance, response_schema_conformance]


@dataclass
class Seeded:
    owner: User
    ids: dict[str, Any]  # path parameter name -> a seeded value ("slug" per path prefix)


def seed() -> Seeded:
    """A producer (with products, variants and a sales point) in a hub's published cycle; its owner, also an
    owner of the hub, signs in."""
    producer = OrganisationFactory(name="Hoeve Schemathesis")
    owner: User = MembershipFactory(organisation=producer, role=MembershipRole.OWNER).user
    products = []
    for name in ("Wortelen", "Prei", "Appels"):
        product = ProductFactory(organisation=producer, name_nl=name, product_type=concept("product_type", "carrot"))
        product.labels.add(concept("facet", "Organic-EU"))
        VariantFactory(product=product)
        products.append(product)
    point = SalesPointFactory(operator=producer)
    OpeningRuleFactory(sales_point=point, weekday=5, opens=time(9), closes=time(12))
    cycle = OrderCycleFactory()
    MembershipFactory(organisation=cycle.hub, user=owner, role=MembershipRole.OWNER)
    exchange = CycleProducerFactory(cycle=cycle, producer=producer)
    offers = CycleOfferFactory.create_batch(2, exchange=exchange)
    PickupSlotFactory(cycle=cycle)
    ids = {
        "product_id": products[0].pk,
        "variant_id": products[0].variants.get().pk,
        "cycle_id": cycle.pk,
        "hub_id": cycle.hub_id,
        "offer_id": offers[0].pk,
        "code": point.municipality.code,
        "/organisations/": producer.slug,
        "/sales-points/": point.slug,
    }
    return Seeded(owner=owner, ids=ids)


def with_seeded_ids(case: Any, ids: dict[str, Any]) -> Any:
    """The case aimed at the seeded objects: its path parameters replaced by their ids (and slugs)."""
    parameters = dict(case.path_parameters or {})
    for name in parameters:
        if name == "slug":
            prefix = next((key for key in ids if key.startswith("/") and key in case.path), None)
            if prefix is not None:
                parameters[name] = ids[prefix]
        elif name in ids:
            parameters[name] = ids[name]
    case.path_parameters = parameters
    return case


def signed_in_session(user: User) -> requests.Session:
    """An HTTP session carrying `user`'s Django session cookie and a CSRF token for unsafe methods."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    session = requests.Session()
    session.cookies.set(settings.SESSION_COOKIE_NAME, store.session_key or "")
    session.cookies.set(settings.CSRF_COOKIE_NAME, CSRF_SECRET)
    session.headers["X-CSRFToken"] = CSRF_SECRET
    session.headers["Accept-Language"] = "en"
    return session


def run_operation(operation: Any, session: requests.Session, ids: dict[str, Any], statuses: Counter[str]) -> str | None:
    """Run the examples of one operation (generated ones, and as many aimed at the seeded objects); the failure
    report, or None when every example passed. Counts the answers per operation and status in `statuses`."""
    generated = operation.as_strategy()
    strategy = st.one_of(generated, generated.map(lambda case: with_seeded_ids(case, ids)))

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def examples(case: Any) -> None:
        response = case.call_and_validate(session=session, checks=CHECKS, timeout=REQUEST_TIMEOUT)
        statuses[f"{operation.label} {response.status_code}"] += 1

    try:
        examples()
    except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - every failure is reported, per operation
        return f"{operation.label}: {error}"
    return None


def test_every_operation_answers_within_its_schema(live_server: Any) -> None:
    # given
    seeded = seed()
    session = signed_in_session(seeded.owner)
    statuses: Counter[str] = Counter()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json", timeout=REQUEST_TIMEOUT)
    # No NUL characters (PostgreSQL refuses them in text); our own session cookie, not generated ones.
    schema.config.generation.update(allow_x00=False, codec="utf-8", with_security_parameters=False)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]

    # when
    failures = [
        failure for operation in operations if (failure := run_operation(operation, session, seeded.ids, statuses))
    ]

    # then
    print(f"schemathesis: {len(operations)} operations, {statuses.total()} requests")  # noqa: T201
    print("\n".join(f"  {key}: {count}" for key, count in sorted(statuses.items())))  # noqa: T201
    assert not failures, "\n\n".join(failures)
    assert len(operations) >= 38
    # the session and the seeded ids work: signed-in endpoints answered, some on the seeded objects
    assert statuses["GET /api/v1/orders 200"] > 0
    assert statuses["GET /api/v1/cycles/{cycle_id}/basket 200"] > 0
    assert statuses["GET /api/v1/products/{product_id} 200"] > 0
