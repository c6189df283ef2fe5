"""Writes on offers and requests: create, update, renew, withdraw, expire; each one re-matches the post at once.

Concepts are given by key: `product_type` (a DFC product type), `unit` (a DFC quantity unit), `label_keys`
(DFC facets). Other fields are passed by name (see OFFER_FIELDS, REQUEST_FIELDS). Where no position is given,
the post is placed at its organisation (or the organisation's municipality).
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.models import Concept, Organisation

from ..board_cache import board_changed
from ..choices import OFFERING_KINDS, PostStatus, SpecOption
from ..matching.context import UNIT_PATH_PREFIX as UNIT_PATH_PREFIX  # re-exported: forms and donations use it
from ..matching.context import MatchingContext, matching_context
from ..matching.engine import OFFER, REQUEST, clear_new_matches, match_saved_post
from ..models import Offer, Request
from .post_validation import validate_post

COMMON_FIELDS = (
    "title",
    "description",
    "quantity",
    "recurrence",
    "starts_on",
    "ends_on",
    "place_name",
    "municipality",
    "lat",
    "lon",
    "is_demo",
    "source_reference",
)
OFFER_FIELDS = (
    *COMMON_FIELDS,
    "product",
    "price",
    "packaging",
    "delivery_possible",
    "delivery_radius_km",
    "is_surplus",
    "donation_allowed",
)
REQUEST_FIELDS = (
    *COMMON_FIELDS,
    "max_distance_km",
    "needs_delivery",
    "delivery_weekdays",
    "delivery_time_from",
    "delivery_time_until",
    "budget",
)
Post = Offer | Request


def post_days(*, surplus: bool = False) -> int:
    """How long a post stays on the board before it must be renewed (settings, default 30 days; surplus 7)."""
    if surplus:
        return int(getattr(settings, "STREEK_MARKET_SURPLUS_DAYS", 7))
    return int(getattr(settings, "STREEK_MARKET_POST_DAYS", 30))


def _concept(context: MatchingContext, scheme: str, key: str, field: str) -> Concept:
    """The product type or quantity unit with that key (from the matching context: no query)."""
    concept = context.concept(scheme, key)
    if concept is None:
        raise ValidationError({field: _("Unknown value '%(key)s'.") % {"key": key}})
    return concept


def _labels(context: MatchingContext, keys: Iterable[str]) -> list[Concept]:
    wanted = set(keys)
    concepts = [found for key in sorted(wanted) if (found := context.concept("facet", key)) is not None]
    unknown = wanted - {concept.key for concept in concepts}
    if unknown:
        raise ValidationError({"labels": _("Unknown labels: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}})
    return concepts


def _spec(values: Iterable[str]) -> list[str]:
    given = set(values)
    unknown = given - set(SpecOption.values)
    if unknown:
        raise ValidationError(
            {"spec": _("Unknown preparation: %(names)s.") % {"names": ", ".join(sorted(map(str, unknown)))}}
        )
    return [value for value in SpecOption.values if value in given]


def _check_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")


def _locate(post: Post) -> None:
    """Place the post at its organisation when no position was given."""
    if post.lat is not None and post.lon is not None:
        return
    organisation = post.organisation
    if organisation.lat is not None and organisation.lon is not None:
        post.lat, post.lon = organisation.lat, organisation.lon
    elif organisation.municipality is not None and organisation.municipality.lat is not None:
        post.lat, post.lon = organisation.municipality.lat, organisation.municipality.lon
    else:
        raise ValidationError({"lat": _("Give the place: the organisation has no address on the map.")})
    if post.municipality_id is None:
        post.municipality_id = organisation.municipality_id


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _expiry(post: Post, surplus: bool) -> datetime:
    expires = timezone.now() + timedelta(days=post_days(surplus=surplus))
    if post.ends_on is not None:
        expires = min(expires, _end_of(post.ends_on))
    return expires


def _check_delivery_weekdays(post: Post) -> None:
    if not isinstance(post, Request):
        return
    days = post.delivery_weekdays
    if not isinstance(days, list) or any(not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ValidationError({"delivery_weekdays": _("Delivery days are weekdays 0 (Monday) to 6 (Sunday).")})
    post.delivery_weekdays = sorted(set(days))


def _save(
    post: Post,
    *,
    kind: str,
    fields: dict[str, Any],
    product_type: str | None,
    unit: str | None,
    label_keys: Iterable[str] | None,
    spec: Iterable[str] | None,
) -> Post:
    context = matching_context()
    for name, value in fields.items():
        setattr(post, name, value)
    if product_type is not None:
        post.product_type = _concept(context, "product_type", product_type, "product_type")
    if unit is not None:
        post.unit = _concept(context, "measure", unit, "unit")
    if spec is not None:
        post.spec = _spec(spec)
    labels = _labels(context, label_keys) if label_keys is not None else None
    if getattr(post, "lat", None) is None or getattr(post, "lon", None) is None:
        _locate(post)
    _check_delivery_weekdays(post)
    if post.ends_on is not None and post.ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("The period has already ended.")})
    now = timezone.now()
    post.expires_at = _expiry(post, surplus=bool(getattr(post, "is_surplus", False)))
    post.status = PostStatus.ACTIVE
    post.matched_at = now  # matched below, in this transaction
    validate_post(post)
    created = post._state.adding
    post.save()
    if labels is not None:
        if created:
            if labels:
                through: Any = post.labels.through
                through.objects.bulk_create([through(**{f"{kind}_id": post.pk, "concept_id": c.pk}) for c in labels])
        else:
            post.labels.set(labels)
    match_saved_post(
        kind=kind,
        post=post,
        label_ids=[c.pk for c in labels] if labels is not None else None,
        created=created,
        context=context,
    )
    return post


@transaction.atomic
def offer_create(
    *,
    organisation: Organisation,
    actor: User | None,
    product_type: str,
    unit: str,
    label_keys: Iterable[str] = (),
    spec: Iterable[str] = (),
    **fields: Any,
) -> Offer:
    """Post an offer of `organisation` (a producer, processor or hub) and match it at once."""
    board_changed()
    _check_fields(fields, OFFER_FIELDS)
    if organisation.kind not in OFFERING_KINDS:
        raise ValidationError({"organisation": _("Only producers, processors and food hubs post offers.")})
    offer = Offer(organisation=organisation, created_by=actor)
    result = _save(
        offer, kind=OFFER, fields=fields, product_type=product_type, unit=unit, label_keys=label_keys, spec=spec
    )
    assert isinstance(result, Offer)  # noqa: S101 - _save returns what it was given
    return result


@transaction.atomic
def offer_update(
    *,
    offer: Offer,
    actor: User | None,
    product_type: str | None = None,
    unit: str | None = None,
    label_keys: Iterable[str] | None = None,
    spec: Iterable[str] | None = None,
    **fields: Any,
) -> Offer:
    """Change an offer (and put it back on the board when it had expired); re-match it. Only the given
    fields change. The quantity may not go below what food banks already claimed."""
    board_changed()
    _check_fields(fields, OFFER_FIELDS)
    if offer.status == PostStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn offer cannot be changed; post a new one."))
    result = _save(
        offer, kind=OFFER, fields=fields, product_type=product_type, unit=unit, label_keys=label_keys, spec=spec
    )
    assert isinstance(result, Offer)  # noqa: S101
    return result


@transaction.atomic
def request_create(
    *,
    organisation: Organisation,
    actor: User | None,
    product_type: str,
    unit: str,
    label_keys: Iterable[str] = (),
    spec: Iterable[str] = (),
    **fields: Any,
) -> Request:
    """Post a request of `organisation` (any buyer: kitchen, school, processor, food bank, shop) and match it."""
    board_changed()
    _check_fields(fields, REQUEST_FIELDS)
    request = Request(organisation=organisation, created_by=actor)
    result = _save(
        request, kind=REQUEST, fields=fields, product_type=product_type, unit=unit, label_keys=label_keys, spec=spec
    )
    assert isinstance(result, Request)  # noqa: S101
    return result


@transaction.atomic
def request_update(
    *,
    request: Request,
    actor: User | None,
    product_type: str | None = None,
    unit: str | None = None,
    label_keys: Iterable[str] | None = None,
    spec: Iterable[str] | None = None,
    **fields: Any,
) -> Request:
    """Change a request (only the given fields) and re-match it."""
    board_changed()
    _check_fields(fields, REQUEST_FIELDS)
    if request.status == PostStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn request cannot be changed; post a new one."))
    result = _save(
        request, kind=REQUEST, fields=fields, product_type=product_type, unit=unit, label_keys=label_keys, spec=spec
    )
    assert isinstance(result, Request)  # noqa: S101
    return result


def _renew(post: Post, kind: str) -> Post:
    if post.status == PostStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn post cannot be renewed; post a new one."))
    if post.ends_on is not None and post.ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("The period has ended: change the dates to renew it.")})
    post.status = PostStatus.ACTIVE
    post.expires_at = _expiry(post, surplus=bool(getattr(post, "is_surplus", False)))
    post.matched_at = timezone.now()  # matched below, in this transaction
    post.save(update_fields=["status", "expires_at", "matched_at", "updated_at"])
    match_saved_post(kind=kind, post=post, label_ids=None, created=False)
    return post


@transaction.atomic
def offer_renew(*, offer: Offer, actor: User | None) -> Offer:
    """Keep an offer on the board for another period (from now); an expired one comes back and is re-matched."""
    board_changed()
    result = _renew(offer, OFFER)
    assert isinstance(result, Offer)  # noqa: S101
    return result


@transaction.atomic
def request_renew(*, request: Request, actor: User | None) -> Request:
    board_changed()
    result = _renew(request, REQUEST)
    assert isinstance(result, Request)  # noqa: S101
    return result


def _withdraw(post: Post, kind: str) -> Post:
    post.status = PostStatus.WITHDRAWN
    post.save(update_fields=["status", "updated_at"])
    clear_new_matches(kind=kind, post_ids=[post.pk])
    return post


@transaction.atomic
def offer_withdraw(*, offer: Offer, actor: User | None) -> Offer:
    """Take an offer off the board; its matches nobody acted on go, contacted and agreed ones stay."""
    board_changed()
    result = _withdraw(offer, OFFER)
    assert isinstance(result, Offer)  # noqa: S101
    return result


@transaction.atomic
def request_withdraw(*, request: Request, actor: User | None) -> Request:
    board_changed()
    result = _withdraw(request, REQUEST)
    assert isinstance(result, Request)  # noqa: S101
    return result


@transaction.atomic
def posts_expire(*, now: datetime | None = None) -> dict[str, int]:
    """Mark active posts past their expiry date or period as expired; clear their new matches."""
    board_changed()
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts: dict[str, int] = {}
    models: tuple[tuple[str, type[Offer] | type[Request]], ...] = ((OFFER, Offer), (REQUEST, Request))
    for kind, model in models:
        due = Q(status=PostStatus.ACTIVE) & (Q(expires_at__lt=now) | Q(ends_on__lt=today))
        ids = list(model.objects.filter(due).values_list("id", flat=True))
        model.objects.filter(pk__in=ids, status=PostStatus.ACTIVE).update(status=PostStatus.EXPIRED, updated_at=now)
        if ids:
            clear_new_matches(kind=kind, post_ids=ids)
        counts[kind] = len(ids)
    return counts


@transaction.atomic
def offer_create_surplus(
    *,
    organisation: Organisation,
    source_reference: str,
    product_type: str,
    unit: str,
    actor: User | None = None,
    donation_allowed: bool = True,
    **fields: Any,
) -> Offer:
    """A surplus offer made by another part of the platform (e.g. the unsold stock of an order cycle at its
    close). Idempotent: a second call with the same organisation and source_reference returns the first offer.

    Defaults: available from today for `STREEK_MARKET_SURPLUS_DAYS` days, once, open to food banks.
    """
    board_changed()
    existing = Offer.objects.filter(organisation=organisation, source_reference=source_reference).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    fields.setdefault("starts_on", today)
    fields.setdefault("ends_on", today + timedelta(days=post_days(surplus=True)))
    fields["is_surplus"] = True
    fields["donation_allowed"] = donation_allowed
    fields["source_reference"] = source_reference
    return offer_create(organisation=organisation, actor=actor, product_type=product_type, unit=unit, **fields)
