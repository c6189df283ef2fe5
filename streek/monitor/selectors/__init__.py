"""Reads of the monitor: indicator definitions, results per area and period, figures across municipalities, K16."""

from .areas import AreaChoice, area_choices, enclosing_areas, municipality_search
from .audience import Audience
from .definitions import figure_definition, figure_definitions, indicator_definition, indicator_definitions
from .entries import external_figure_list, producer_cost_list
from .results import (
    figure_by_municipality,
    figure_value,
    figures_by_municipality,
    indicator_results,
    indicator_results_by_year,
    indicator_series,
)
from .trajectory import Trajectory, trajectory
from .types import MIN_ORGANISATIONS, Figure, FigureDefinition, IndicatorDefinition, IndicatorResult, StrOrPromise

__all__ = [
    "AreaChoice",
    "MIN_ORGANISATIONS",
    "Audience",
    "Figure",
    "FigureDefinition",
    "IndicatorDefinition",
    "IndicatorResult",
    "StrOrPromise",
    "Trajectory",
    "area_choices",
    "enclosing_areas",
    "external_figure_list",
    "figure_by_municipality",
    "figure_definition",
    "figure_definitions",
    "figure_value",
    "figures_by_municipality",
    "indicator_definition",
    "indicator_definitions",
    "indicator_results",
    "indicator_results_by_year",
    "indicator_series",
    "municipality_search",
    "producer_cost_list",
    "trajectory",
]
