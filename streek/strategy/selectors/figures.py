"""The monitor's figures a measure can follow (from the indicator definitions)."""

from dataclasses import dataclass

from streek.monitor.selectors import FigureDefinition, IndicatorDefinition, indicator_definitions


@dataclass(frozen=True)
class FigureOption:
    indicator: IndicatorDefinition
    figure: FigureDefinition


def figure_options() -> list[FigureOption]:
    """Every figure of every indicator, in the monitor's order."""
    return [
        FigureOption(indicator=indicator, figure=figure)
        for indicator in indicator_definitions()
        for figure in indicator.figures
    ]


def figure_option(*, figure_key: str) -> FigureOption | None:
    """The indicator and figure of a key, or None when the monitor has no such figure."""
    for option in figure_options():
        if option.figure.key == figure_key:
            return option
    return None
