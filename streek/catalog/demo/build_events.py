"""Events of the demo region: weekly market days for the next eight weeks, open farm days, tastings, a workshop."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ..choices import EventKind, SalesPointStatus
from ..choices import SalesPointType as T
from ..models import Event, OpeningRule, Organisation, SalesPoint
from .context import DemoContext

MARKET_WEEKS = 8

# (organisation key, kind, weeks ahead, start, hours, title nl, fr, en, description nl)
SPECIAL_EVENTS = (
    ("kersenbloesem", EventKind.OPEN_FARM_DAY, 3, "10:00", 7, "Open hoevedag op De Kersenbloesem",
     "Journée portes ouvertes à De Kersenbloesem", "Open farm day at De Kersenbloesem",
     "Rondleiding in de boomgaard, sap en confituur proeven en een springkasteel voor de kinderen."),
    ("terlinden", EventKind.OPEN_FARM_DAY, 5, "11:00", 6, "Open Boerderijdag Hoeve Ter Linden",
     "Journée à la ferme Ter Linden", "Open day at Ter Linden dairy farm",
     "Kijk mee bij het melken, proef de hoeve-ijs en ontdek hoe de koeien in de wei grazen."),
    ("fruitpers", EventKind.TASTING, 2, "14:00", 3, "Proeverij: sap van de nieuwe oogst",
     "Dégustation : jus de la nouvelle récolte", "Tasting: juice from the new harvest",
     "Proef vijf sappen en twee ciders van Haspengouwse appels en peren."),
    ("appelboom", EventKind.TASTING, 4, "19:30", 2, "Bierproeverij met de brouwer",
     "Dégustation de bières avec le brasseur", "Beer tasting with the brewer",
     "De brouwer vertelt over graan en kersen uit de streek; vijf bieren met hapjes van de kaasmakerij."),
    ("terbeemden", EventKind.TASTING, 6, "19:00", 2, "Kaas- en stroopavond", "Soirée fromage et sirop",
     "Cheese and syrup evening", "Hoevekazen met stroop en fruit uit Haspengouw."),
    ("perelke", EventKind.WORKSHOP, 7, "09:30", 3, "Snoeicursus hoogstamfruitbomen",
     "Atelier de taille des arbres fruitiers haute-tige", "Pruning workshop for standard fruit trees",
     "Leer je hoogstambomen snoeien in een biologische boomgaard; breng je snoeischaar mee."),
    ("verhaegh", EventKind.OPEN_FARM_DAY, 4, "10:00", 6, "Open dag bij Aspergekwekerij Verhaegh",
     "Portes ouvertes chez Verhaegh", "Open day at Verhaegh", "Rondleiding op de kwekerij, proeven en streekproducten kopen."),
)  # fmt: skip


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_default_timezone())


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def events_build(ctx: DemoContext, organisations: dict[str, Organisation], points: list[SalesPoint]) -> list[Event]:
    events = []
    markets = [p for p in points if p.type == T.FARMERS_MARKET and p.status == SalesPointStatus.ACTIVE]
    rules = {r.sales_point_id: r for r in OpeningRule.objects.filter(sales_point__in=markets).order_by("weekday")}
    for market in markets:
        rule = rules.get(market.pk)
        if rule is None:
            continue
        first = ctx.today + timedelta(days=(rule.weekday - ctx.today.weekday()) % 7)
        for week in range(MARKET_WEEKS):
            day = first + timedelta(weeks=week)
            if not rule.in_season(day.month * 100 + day.day):
                continue
            events.append(
                Event(
                    kind=EventKind.MARKET_DAY,
                    title_nl=market.name,
                    title_fr=f"Marché fermier - {market.locality}",
                    title_en=f"Farmers' market - {market.locality}",
                    description_nl="Verse groenten, fruit, kaas, vlees en brood rechtstreeks van de makers.",
                    description_fr="Légumes, fruits, fromages, viande et pain en direct des producteurs.",
                    description_en="Fresh vegetables, fruit, cheese, meat and bread straight from the makers.",
                    starts_at=_at(day, rule.opens),
                    ends_at=_at(day, rule.closes),
                    sales_point=market,
                    place_name=market.street,
                    street=market.street,
                    municipality=market.municipality,
                    lat=market.lat,
                    lon=market.lon,
                    organiser=market.operator,
                    is_demo=True,
                )
            )
    for key, kind, weeks, start, hours, title_nl, title_fr, title_en, description in SPECIAL_EVENTS:
        host = organisations[key]
        if host.municipality is None or host.lat is None or host.lon is None:
            continue
        day = ctx.today + timedelta(weeks=weeks, days=(5 - ctx.today.weekday()) % 7 + ctx.rng.choice((0, 1)))
        starts_at = _at(day, _clock(start))
        events.append(
            Event(
                kind=kind,
                title_nl=title_nl,
                title_fr=title_fr,
                title_en=title_en,
                description_nl=description,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=hours),
                place_name=host.name,
                street=host.street,
                municipality=host.municipality,
                lat=host.lat,
                lon=host.lon,
                organiser=host,
                is_demo=True,
            )
        )
    Event.objects.bulk_create(events)
    return events
