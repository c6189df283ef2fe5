"""Realistic weekly opening patterns per sales point type, with seasons where the type is seasonal."""

import random
from datetime import time

from ..choices import SalesPointType as T
from ..models import OpeningRule, SalesPoint
from .point_plan import PointPlan

Rule = tuple[int, str, str]  # weekday (0 = Monday), opens, closes
EVERY_DAY = range(7)
TUE_TO_FRI = range(1, 5)
MON_TO_FRI = range(5)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _farm_shop(rng: random.Random, processor: bool) -> list[Rule]:
    if processor:
        rules = [(day, "07:30", "18:00") for day in range(1, 6)]
        return rules + [(6, "07:30", "12:00")] if rng.random() < 0.5 else rules
    pattern = rng.random()
    if pattern < 0.6:  # Tuesday to Friday mornings and afternoons, Saturday through
        rules = [(day, "09:00", "12:00") for day in TUE_TO_FRI] + [(day, "14:00", "18:00") for day in TUE_TO_FRI]
        return rules + [(5, "09:00", "17:00")]
    if pattern < 0.85:  # a few afternoons and Saturday morning
        return [(2, "14:00", "18:00"), (4, "14:00", "18:30"), (5, "09:00", "12:00")]
    return [(day, "08:30", "18:30") for day in range(6)]


def _rules(plan: PointPlan, rng: random.Random, processor: bool) -> list[Rule]:
    match plan.type:
        case T.FARM_SHOP:
            return _farm_shop(rng, processor)
        case T.VENDING_MACHINE:
            opens, closes = rng.choice((("07:00", "22:00"), ("07:00", "22:00"), ("06:00", "23:00"), ("00:00", "23:59")))
            return [(day, opens, closes) for day in EVERY_DAY]
        case T.HONESTY_STALL:
            return [(day, "08:00", "20:00") for day in EVERY_DAY]
        case T.FARMERS_MARKET | T.BUYING_GROUP:
            weekday = plan.weekday if plan.weekday is not None else 5
            opens, closes = plan.times or ("17:00", "19:00")
            return [(weekday, opens, closes)]
        case T.SELF_HARVEST:
            if rng.random() < 0.5:
                return [(day, "09:00", "19:00") for day in EVERY_DAY]
            return [(2, "10:00", "18:00"), (5, "10:00", "18:00"), (6, "10:00", "17:00")]
        case T.CSA:
            return [(1, "16:00", "19:00"), (5, "10:00", "12:00")]
        case T.BOX_SCHEME:
            return [(4, "16:00", "19:00")]
        case T.PICKUP_POINT:
            if plan.cooled:  # a cooled locker
                return [(day, "07:00", "21:00") for day in range(6)]
            return [(3, "16:00", "19:00"), (4, "16:00", "19:00")]
        case T.B2B_DIRECT:
            return [(day, "07:00", "15:00") for day in MON_TO_FRI]
        case T.FOOD_HUB:
            return [(day, "08:00", "17:00") for day in MON_TO_FRI]
    return []  # webshops: always open online


def opening_rules_for(point: SalesPoint, plan: PointPlan, rng: random.Random, processor: bool) -> list[OpeningRule]:
    season_start, season_end, season_name = plan.season if plan.season else (None, None, "")
    return [
        OpeningRule(
            sales_point=point,
            weekday=weekday,
            opens=_clock(opens),
            closes=_clock(closes),
            season_start=season_start,
            season_end=season_end,
            season_name=season_name,
        )
        for weekday, opens, closes in _rules(plan, rng, processor)
    ]
