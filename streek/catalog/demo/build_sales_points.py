"""Sales points of the demo region with categories, labels, opening hours, closures, history and change reports."""

from datetime import timedelta

from streek.accounts.models import User

from ..choices import (
    Accessibility,
    ChangeReportKind,
    OrganisationKind,
    PaymentMethod,
    RevisionAction,
    SalesPointSource,
    SalesPointStatus,
)
from ..choices import SalesPointType as T
from ..models import ChangeReport, ClosurePeriod, OpeningRule, Organisation, SalesPoint, SalesPointRevision
from .build_organisations import ORGANIC_FACET
from .context import EMAIL_DOMAIN, DemoContext
from .hours import opening_rules_for
from .names import MARKET_PLACES
from .organisations import ORGANISATIONS
from .point_plan import PointPlan, points_plan
from .point_texts import CHANGE_REPORTS, DESCRIPTIONS, HOURS_NOTES, PROPOSED_POINTS

PROPOSED_NOTES = dict(PROPOSED_POINTS)

AT_OPERATOR_ADDRESS = ("street", "postal_code", "locality", "lat", "lon")
MAKERS = (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR)


def _payments(ctx: DemoContext, plan: PointPlan, dutch: bool) -> list[PaymentMethod]:
    mobile = PaymentMethod.TIKKIE if dutch else PaymentMethod.PAYCONIQ
    match plan.type:
        case T.VENDING_MACHINE:
            machine: list[PaymentMethod] = [PaymentMethod.CARD, PaymentMethod.CONTACTLESS]
            return machine + [PaymentMethod.CASH] if ctx.rng.random() < 0.4 else machine
        case T.HONESTY_STALL | T.SELF_HARVEST:
            return [PaymentMethod.CASH, mobile]
        case T.WEBSHOP | T.BOX_SCHEME | T.CSA:
            return [PaymentMethod.TRANSFER, PaymentMethod.CARD, mobile]
        case T.B2B_DIRECT | T.FOOD_HUB:
            return [PaymentMethod.INVOICE, PaymentMethod.TRANSFER]
        case T.BUYING_GROUP:
            return [PaymentMethod.TRANSFER]
    methods: list[PaymentMethod] = [PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.CONTACTLESS, mobile]
    if ctx.rng.random() < 0.3:
        methods.append(PaymentMethod.VOUCHER)
    return methods


def _accessibility(ctx: DemoContext, plan: PointPlan) -> list[str]:
    if plan.type == T.WEBSHOP:
        return []
    options = [value for value in Accessibility.values if ctx.rng.random() < 0.3]
    if plan.type in (T.FARM_SHOP, T.SELF_HARVEST) and Accessibility.PARKING not in options:
        options.insert(0, Accessibility.PARKING)
    return options


def _point(ctx: DemoContext, plan: PointPlan, taken: set[str], officers: dict[str, User]) -> SalesPoint:
    municipality = ctx.municipalities[plan.municipality]
    dutch = municipality.country.code == "NL"
    operator = plan.operator
    if plan.at_operator and operator is not None and operator.lat is not None and operator.lon is not None:
        street, postal_code, locality = operator.street, operator.postal_code, operator.locality
        lat, lon = operator.lat, operator.lon
    elif plan.type == T.FARMERS_MARKET:
        _street, postal_code, locality = ctx.address(municipality, plan.locality)
        street = ctx.rng.choice(MARKET_PLACES)
        lat, lon = ctx.near(municipality, 1.0)
    else:
        street, postal_code, locality = ctx.address(municipality)
        lat, lon = ctx.near(municipality, 3.5)
    name = plan.name.replace("{street}", street.rsplit(" ", 1)[0])
    description_nl, description_fr, description_en = DESCRIPTIONS[plan.type]
    if plan.proposed:
        source, verified_at, verifier = SalesPointSource.PUBLIC, None, None
    else:
        if operator is not None and operator.kind != OrganisationKind.MUNICIPALITY and ctx.rng.random() < 0.7:
            source = SalesPointSource.PRODUCER
        else:
            source = SalesPointSource.IMPORT if ctx.rng.random() < 0.25 else SalesPointSource.MUNICIPALITY
        fresh = ctx.rng.random() < 0.65
        days = ctx.rng.randint(3, 360) if fresh else ctx.rng.randint(370, 730)
        verified_at = ctx.now - timedelta(days=days, minutes=ctx.rng.randint(0, 600))
        verifier = officers["NL" if dutch else "BE"]
    slug = ctx.slug(name, taken)
    return SalesPoint(
        name=name,
        slug=slug,
        type=plan.type,
        status=SalesPointStatus.PROPOSED if plan.proposed else SalesPointStatus.ACTIVE,
        source=source,
        operator=operator,
        description_nl=f"{description_nl} {plan.note}".strip(),
        description_fr=description_fr,
        description_en=description_en,
        street=street,
        postal_code=postal_code,
        locality=locality,
        municipality=municipality,
        lat=lat,
        lon=lon,
        position_exact=plan.at_operator or ctx.rng.random() < 0.7,
        phone=operator.phone if operator is not None and plan.type != T.FARMERS_MARKET else "",
        email=operator.email if operator is not None else "",
        website=f"https://{slug}.{EMAIL_DOMAIN}/" if plan.type == T.WEBSHOP else "",
        payment_methods=[str(m) for m in _payments(ctx, plan, dutch)],
        accessibility=[str(a) for a in _accessibility(ctx, plan)],
        cooled=plan.cooled,
        hours_note=HOURS_NOTES.get(plan.type, ""),
        last_verified_at=verified_at,
        last_verified_by=verifier,
        external_ref=f"DEMO-IMPORT-{ctx.rng.randint(1000, 9999)}" if source == SalesPointSource.IMPORT else "",
        is_demo=True,
    )


def _set_statuses(ctx: DemoContext, points: list[SalesPoint]) -> None:
    """A few temporarily closed and closed points among the active, non-online ones."""
    candidates = [p for p in points if p.status == SalesPointStatus.ACTIVE and p.type != T.WEBSHOP]
    chosen = ctx.rng.sample(candidates, 7)
    for point in chosen[:4]:
        point.status = SalesPointStatus.TEMPORARILY_CLOSED
    for point in chosen[4:]:
        point.status = SalesPointStatus.CLOSED


def sales_points_build(
    ctx: DemoContext, organisations: dict[str, Organisation], officers: dict[str, User]
) -> list[SalesPoint]:
    taken = set(SalesPoint.objects.values_list("slug", flat=True))
    plans = points_plan(ctx, organisations)
    points = [_point(ctx, plan, taken, officers) for plan in plans]
    _set_statuses(ctx, points)
    SalesPoint.objects.bulk_create(points)

    organic = ctx.concept("facet", ORGANIC_FACET)
    organic_ids = {organisations[s.key].pk for s in ORGANISATIONS if s.organic}
    makers = {organisations[s.key].pk for s in ORGANISATIONS if s.kind in MAKERS}
    category_links = []
    label_links = []
    rules: list[OpeningRule] = []
    for point, plan in zip(points, plans, strict=True):
        for key in dict.fromkeys(plan.categories):
            category_links.append(
                SalesPoint.categories.through(salespoint_id=point.pk, concept_id=ctx.concept("product_type", key).pk)
            )
        if point.operator_id in organic_ids:
            label_links.append(SalesPoint.labels.through(salespoint_id=point.pk, concept_id=organic.pk))
        processor = plan.operator is not None and plan.operator.kind == OrganisationKind.PROCESSOR
        rules.extend(opening_rules_for(point, plan, ctx.rng, processor))
    SalesPoint.categories.through.objects.bulk_create(category_links)
    SalesPoint.labels.through.objects.bulk_create(label_links)
    OpeningRule.objects.bulk_create(rules)
    ctx.made["opening_rules"] = len(rules)
    ctx.made["maker_points"] = sum(1 for p in points if p.operator_id in makers)
    return points


def closures_build(ctx: DemoContext, points: list[SalesPoint]) -> list[ClosurePeriod]:
    """Holidays in the coming weeks for some shops, works for the temporarily closed points."""
    closures = []
    shops = [p for p in points if p.type in (T.FARM_SHOP, T.SELF_HARVEST) and p.status == SalesPointStatus.ACTIVE]
    for point in ctx.rng.sample(shops, 8):
        start = ctx.today + timedelta(days=ctx.rng.randint(5, 40))
        closures.append(
            ClosurePeriod(
                sales_point=point,
                start_date=start,
                end_date=start + timedelta(days=ctx.rng.choice((6, 7, 13, 14))),
                reason=ctx.rng.choice(("Jaarlijks verlof", "Vakantie", "Verlof - automaat blijft open")),
            )
        )
    for point in points:
        if point.status == SalesPointStatus.TEMPORARILY_CLOSED:
            closures.append(
                ClosurePeriod(
                    sales_point=point,
                    start_date=ctx.today - timedelta(days=ctx.rng.randint(3, 20)),
                    end_date=ctx.today + timedelta(days=ctx.rng.randint(10, 45)),
                    reason="Verbouwingswerken",
                )
            )
    ClosurePeriod.objects.bulk_create(closures)
    return closures


def history_build(ctx: DemoContext, points: list[SalesPoint], officers: dict[str, User]) -> None:
    """Backdate each point's creation and record 'created' and 'verified' revisions at those times."""
    revisions = []
    for point in points:
        if point.last_verified_at is not None:
            point.created_at = point.last_verified_at - timedelta(days=ctx.rng.randint(0, 400))
        else:
            point.created_at = ctx.now - timedelta(days=ctx.rng.randint(1, 20))
        action = RevisionAction.IMPORTED if point.source == SalesPointSource.IMPORT else RevisionAction.CREATED
        revisions.append((SalesPointRevision(sales_point=point, action=action, note="Demo"), point.created_at))
        if point.last_verified_at is not None:
            revision = SalesPointRevision(
                sales_point=point, actor=point.last_verified_by, action=RevisionAction.VERIFIED
            )
            revisions.append((revision, point.last_verified_at))
    SalesPoint.objects.bulk_update(points, ["created_at"], batch_size=500)
    created = SalesPointRevision.objects.bulk_create([revision for revision, _at in revisions])
    for revision, (_revision, at) in zip(created, revisions, strict=True):
        revision.created_at = at
    SalesPointRevision.objects.bulk_update(created, ["created_at"], batch_size=500)


def change_reports_build(ctx: DemoContext, points: list[SalesPoint], resident: User) -> list[ChangeReport]:
    """Open reports for the officers: corrections on active points and the three proposed points."""
    reports = []
    watched = ("Sint-Truiden", "Gingelom")
    active = [p for p in points if p.status == SalesPointStatus.ACTIVE and p.municipality.name_nl in watched]
    for kind, point_type, message, changes in CHANGE_REPORTS:
        candidates = [p for p in active if p.type == point_type] or active
        point = ctx.rng.choice(candidates)
        active.remove(point)
        anonymous = ctx.rng.random() < 0.5
        reports.append(
            ChangeReport(
                kind=kind,
                sales_point=point,
                municipality=point.municipality,
                message=message,
                proposed_changes=changes,
                reporter=None if anonymous else resident,
                reporter_name="Marc D." if anonymous else "",
                reporter_email=f"marc.d@{EMAIL_DOMAIN}" if anonymous else "",
            )
        )
    for point in points:
        if point.status == SalesPointStatus.PROPOSED:
            reports.append(
                ChangeReport(
                    kind=ChangeReportKind.NEW_POINT,
                    sales_point=point,
                    municipality=point.municipality,
                    message=PROPOSED_NOTES.get(point.name, ""),
                    reporter=resident,
                )
            )
    ChangeReport.objects.bulk_create(reports)
    return reports
