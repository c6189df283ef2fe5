from datetime import time

import pytest

from streek.catalog.hours_syntax import HoursRule, HoursSyntaxError, format_hours, parse_hours


def test_dutch_days_ranges_and_several_times() -> None:
    rules = parse_hours("di-za 09:00-12:00,14:00-18:00; zo 10:00-12:00")

    assert len(rules) == 5 * 2 + 1
    assert HoursRule(None, None, 1, time(9), time(12)) in rules
    assert HoursRule(None, None, 6, time(10), time(12)) in rules


@pytest.mark.parametrize(
    "text",
    [
        "Tu-Sa 09:00-12:00,14:00-18:00; Su 10:00-12:00",
        "mar-sam 9h00-12h00,14h00-18h00; dim 10:00-12:00",
        "dinsdag-zaterdag 9u00-12u00,14:00-18:00; zondag 10:00-12:00",
    ],
)
def test_english_french_and_full_names_mean_the_same(text: str) -> None:
    assert parse_hours(text) == parse_hours("di-za 09:00-12:00,14:00-18:00; zo 10:00-12:00")


def test_format_is_canonical_and_parses_back() -> None:
    text = "[05-01/09-30] za 09:00-12:00; ma,wo 08:00-12:30; di-vr 14:00-18:00; za-ma 10:00-11:00"

    canonical = format_hours(parse_hours(text))

    assert parse_hours(canonical) == parse_hours(text)
    assert format_hours(parse_hours(canonical)) == canonical
    assert canonical.startswith("ma 08:00-12:30,10:00-11:00")


def test_a_season_wrapping_new_year() -> None:
    (rule,) = parse_hours("[11-01/02-28] za 10:00-12:00")

    assert (rule.season_start, rule.season_end) == (1101, 228)


def test_empty_means_no_hours() -> None:
    assert parse_hours("  ") == ()
    assert format_hours(()) == ""


@pytest.mark.parametrize(
    "text",
    ["maandag-vroeg 9-12", "xx 09:00-12:00", "ma 25:00-26:00", "ma 12:00-09:00", "ma", "[13-01/02-30] ma 09:00-10:00"],
)
def test_bad_syntax_is_refused(text: str) -> None:
    with pytest.raises(HoursSyntaxError):
        parse_hours(text)
