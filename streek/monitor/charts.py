"""Charts as inline SVG strings, drawn with matplotlib's object API (no pyplot, no global figure state).

Used by the monitor dashboard, the strategy progress pages and the yearly report (HTML and PDF). Every chart:

- carries a `<title>` and a `<desc>` (the figures in words) and `role="img"`, so a screen reader has the data;
- draws text as SVG text in a generic sans-serif font (no font files, no external requests);
- is deterministic: the same data gives the same bytes (fixed hash salt derived from the data, no date).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

XLabel = int | str
Series = Sequence[tuple[XLabel, Decimal | None]]

CHART_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; lines also differ in style and marker.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MAIN = COLOURS[0]
TARGET = "#555555"
REQUIRED = COLOURS[1]

CHART_RC: Any = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "path.simplify": True,
}


def unit_label(unit: str) -> str:
    """The unit as shown next to a value: a unit code of the figure definitions ("eur", "percent"...) or text."""
    labels = {
        "count": "",
        "eur": "EUR",
        "percent": "%",
        "kg": "kg",
        "km": "km",
        "km_per_kg": _("km per kg"),
        "per_10000": _("per 10,000 inhabitants"),
        "days": _("days"),
        "ratio": "",
    }
    return str(labels.get(unit, unit))


def format_value(value: Decimal | float | None, unit: str = "") -> str:
    """A value for people: localised, with as many decimals as the unit needs, and its unit."""
    if value is None:
        return _("unknown")
    decimals = 0 if unit in ("count", "eur", "days") else 1 if unit in ("percent", "per_10000", "km", "kg") else 2
    if unit in ("count",) and float(value) != int(float(value)):
        decimals = 1
    text = number_format(Decimal(str(value)), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    label = unit_label(unit)
    if not label:
        return str(text)
    if label == "%":
        return f"{text} %"
    return f"{text} {label}"


def _float(value: Decimal | float | None) -> float:
    return float("nan") if value is None else float(value)


def _salt(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _cached(function: Callable[..., str]) -> Callable[..., str]:
    """Charts are pure functions of their arguments (and the language of their texts): keep them in the cache."""

    @functools.wraps(function)
    def wrapper(**kwargs: Any) -> str:
        digest = _salt(sorted(kwargs.items()), get_language())
        key = f"monitor:chart:v{CHART_VERSION}:{function.__name__}:{digest}"
        svg = cache.get(key)
        if svg is None:
            svg = function(**kwargs)
            cache.set(key, svg, CACHE_SECONDS)
        return str(svg)

    return wrapper


def _new_figure(width: float, height: float, *, left: float = 0.12) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(width, height), dpi=72)
    FigureCanvasSVG(figure)
    # Fixed margins rather than tight_layout: drawing the figure once more to measure it costs more than the chart.
    figure.subplots_adjust(left=left, right=0.97, top=0.86, bottom=0.14)
    axes = figure.add_subplot(1, 1, 1)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _axis_formatter(unit: str) -> FuncFormatter:
    def _format(value: float, _position: object) -> str:
        if abs(value) >= 1_000_000:
            return f"{value / 1_000_000:.1f} M".replace(".0 M", " M")
        if abs(value) >= 10_000:
            return f"{value / 1000:.0f} k"
        if unit in ("percent",) or value != int(value):
            return f"{value:.1f}".rstrip("0").rstrip(".")
        return f"{value:.0f}"

    return FuncFormatter(_format)


def figure_svg(figure: Figure, *, title: str, description: str, salt: str, css_class: str = "chart") -> str:
    """The figure as an inline, accessible, deterministic SVG string (see the module docstring)."""
    buffer = io.StringIO()
    with rc_context({**CHART_RC, "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Streek"})
    text = buffer.getvalue()
    # Inline use: drop the XML declaration, doctype and the RDF metadata.
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)
    ident = f"{css_class}-{salt}"
    accessible = (
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" style="max-width:100%;height:auto"'
        f' class="{css_class}"'
    )
    text = text.replace("<svg", accessible, 1)
    head_end = text.index(">") + 1
    text = (
        text[:head_end]
        + f'\n<title id="{ident}-title">{escape(title)}</title>\n<desc id="{ident}-desc">{escape(description)}</desc>'
        + text[head_end:]
    )
    return text


def _describe(name: str, series: Series, unit: str) -> str:
    values = "; ".join(f"{x}: {format_value(v, unit)}" for x, v in series)
    return f"{name} — {values}." if values else f"{name} — {_('no data')}."


def _positions(points: Series, extra: Sequence[Series]) -> tuple[bool, dict[XLabel, float], list[XLabel]]:
    """Numeric x axis when every x is a year (int), else a categorical axis in the order of `points`."""
    numeric = all(isinstance(x, int) for x, _v in points) and all(
        isinstance(x, int) for series in extra for x, _v in series
    )
    if numeric:
        labels = sorted({int(x) for x, _v in points} | {int(x) for series in extra for x, _v in series})
        return True, {x: float(x) for x in labels}, list(labels)
    order: list[XLabel] = []
    for x, _v in points:
        if x not in order:
            order.append(x)
    return False, {x: float(index) for index, x in enumerate(order)}, order


@_cached
@rc_context(CHART_RC)
def trend_chart_svg(
    *,
    title: str,
    unit: str,
    points: Series,
    target: Sequence[tuple[int, Decimal]] | None = None,
    required: Sequence[tuple[int, Decimal]] | None = None,
    comparison: Sequence[tuple[str, Series]] | None = None,
    series_label: str | None = None,
    target_label: str | None = None,
    required_label: str | None = None,
    width: float = 6.0,
    height: float = 2.8,
) -> str:
    """A line chart of one figure over time.

    `points`: (year or period label, value or None for a gap). `target`: the straight path from the baseline to
    the target (K16); `required`: the path needed from the latest observation; `comparison`: named series of the
    same figure elsewhere (e.g. the province and the country), drawn thinner.
    """
    series_label = series_label or title
    target_label = target_label or str(_("Target path"))
    required_label = required_label or str(_("Required path"))
    comparison = list(comparison or [])
    extra: list[Series] = [list(target or []), list(required or [])] + [s for _n, s in comparison]
    numeric, position, order = _positions(points, extra)

    figure, axes = _new_figure(width, height)

    def _xy(series: Series) -> tuple[list[float], list[float]]:
        pairs = [(position[x], _float(v)) for x, v in series if x in position]
        return [p for p, _v in pairs], [v for _p, v in pairs]

    for index, (name, series) in enumerate(comparison):
        xs, ys = _xy(series)
        colour = COLOURS[(index + 2) % len(COLOURS)]
        axes.plot(xs, ys, color=colour, linewidth=1.2, linestyle="-.", marker="s", markersize=3, label=name)
    if target:
        xs, ys = _xy(target)
        axes.plot(xs, ys, color=TARGET, linewidth=1.2, linestyle="--", label=target_label)
    if required:
        xs, ys = _xy(required)
        axes.plot(xs, ys, color=REQUIRED, linewidth=1.2, linestyle=":", label=required_label)
    xs, ys = _xy(points)
    axes.plot(xs, ys, color=MAIN, linewidth=2.0, marker="o", markersize=4, label=series_label)

    if numeric:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(len(order), 10) or 1))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _p: f"{value:.0f}"))
    else:
        axes.set_xticks([position[x] for x in order], [str(x) for x in order])
    if len(order) == 1:
        only = position[order[0]]
        axes.set_xlim(only - 1, only + 1)
    axes.yaxis.set_major_formatter(_axis_formatter(unit))
    finite = [v for v in ys if v == v]
    if not finite or min(finite) >= 0:
        axes.set_ylim(bottom=0)
    if unit_label(unit):
        axes.set_ylabel(unit_label(unit))
    axes.set_title(title, loc="left", fontsize=10)
    if comparison or target or required:
        axes.legend(loc="best", fontsize=8, frameon=False)

    parts = [_describe(series_label, points, unit)]
    for name, series in comparison:
        parts.append(_describe(name, series, unit))
    if target:
        parts.append(_describe(target_label, list(target), unit))
    if required:
        parts.append(_describe(required_label, list(required), unit))
    description = " ".join(parts)
    salt = _salt("trend", title, unit, list(points), target, required, comparison, width, height)
    svg = figure_svg(figure, title=title, description=description, salt=salt)
    figure.clear()
    return svg


@_cached
@rc_context(CHART_RC)
def bar_chart_svg(
    *,
    title: str,
    unit: str,
    bars: Sequence[tuple[str, Decimal | None]],
    horizontal: bool = True,
    width: float = 6.0,
    height: float | None = None,
) -> str:
    """Bars of one figure split by a category (sales-point type, channel, intermediaries...). Unknown values are
    left out of the drawing but named in the description."""
    bars = list(bars)
    if height is None:
        height = max(1.6, 0.35 * len(bars) + 0.9) if horizontal else 2.8
    longest = max((len(str(label)) for label, _v in bars), default=4)
    left = min(0.5, (longest * 0.075 + 0.25) / width) if horizontal else 0.12
    figure, axes = _new_figure(width, height, left=left)
    labels = [str(label) for label, _v in bars]
    values = [0.0 if value is None else float(value) for _l, value in bars]
    positions = list(range(len(bars)))
    if horizontal:
        axes.barh(positions, values, color=MAIN, height=0.6)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.grid(axis="y", visible=False)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.xaxis.set_major_formatter(_axis_formatter(unit))
        if unit_label(unit):
            axes.set_xlabel(unit_label(unit))
        for position, (_label, value) in zip(positions, bars, strict=True):
            axes.annotate(
                format_value(value, unit),
                (0.0 if value is None else float(value), position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
    else:
        axes.bar(positions, values, color=MAIN, width=0.6)
        axes.set_xticks(positions, labels)
        axes.yaxis.set_major_formatter(_axis_formatter(unit))
        if unit_label(unit):
            axes.set_ylabel(unit_label(unit))
    axes.set_title(title, loc="left", fontsize=10)
    description = _describe(title, bars, unit)
    salt = _salt("bar", title, unit, bars, horizontal, width, height)
    svg = figure_svg(figure, title=title, description=description, salt=salt)
    figure.clear()
    return svg
