"""Officers enter figures for their municipalities; a pre-2025 code is mapped onto the merged municipality."""

import datetime as dt
from decimal import Decimal

import pytest

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.tests.factories import municipality
from streek.core.exceptions import ApplicationError, NotFound
from streek.monitor.areas import area_resolve
from streek.monitor.choices import FigureKind
from streek.monitor.models import ExternalFigure
from streek.monitor.selectors import Audience, figure_value
from streek.monitor.selectors.entered import entered_table
from streek.monitor.selectors.scope import AREA, Scope
from streek.monitor.services import external_figure_delete, external_figure_save
from streek.territory.models import Municipality, MunicipalityFusion

pytestmark = pytest.mark.django_db
SOURCE_DATE = dt.date(2021, 1, 1)


def _save(actor, code: str, value: str, year: int = 2020, kind: str = FigureKind.POPULATION):  # noqa: ANN001, ANN202
    return external_figure_save(
        actor=actor,
        municipality_code=code,
        year=year,
        kind=kind,
        value=Decimal(value),
        source="Statbel",
        source_date=SOURCE_DATE,
    )


def test_an_officer_saves_and_then_replaces_a_figure_of_their_municipality():
    officer = OfficerFactory().user

    first = _save(officer, "71053", "41000")
    second = _save(officer, "71053", "41500")

    assert first.pk == second.pk
    figure = ExternalFigure.objects.get()
    assert (figure.value, figure.original_code, figure.entered_by) == (Decimal("41500.00"), "", officer)


def test_former_municipalities_are_mapped_onto_the_merged_one_and_summed():
    # given the parts of a 2025 merger, entered with their old codes for 2020
    fusion = MunicipalityFusion.objects.exclude(old_code__in=municipality_codes()).first()
    assert fusion is not None
    parts = list(MunicipalityFusion.objects.filter(municipality=fusion.municipality))
    admin = AdminUserFactory()

    for number, part in enumerate(parts):
        _save(admin, part.old_code, str(1000 * (number + 1)))

    # then they are stored on the current municipality with their old codes, and the area sums them
    stored = ExternalFigure.objects.filter(municipality=fusion.municipality)
    assert sorted(stored.values_list("original_code", flat=True)) == sorted(p.old_code for p in parts)
    area = area_resolve(kind="municipality", key=fusion.municipality.code)
    table = entered_table(scope=Scope(municipality_ids=area.municipality_ids), year=2020, kinds=[FigureKind.POPULATION])
    expected = sum(1000 * (n + 1) for n in range(len(parts)))
    assert table.total(AREA, FigureKind.POPULATION).value == Decimal(expected)


def test_a_merger_with_a_missing_former_part_is_missing_and_names_it():
    fusion = MunicipalityFusion.objects.exclude(old_code__in=municipality_codes()).first()
    assert fusion is not None
    parts = list(MunicipalityFusion.objects.filter(municipality=fusion.municipality).order_by("old_code"))
    _save(AdminUserFactory(), parts[0].old_code, "1000", kind=FigureKind.FARMS)
    area = area_resolve(kind="municipality", key=fusion.municipality.code)

    figure = figure_value(area=area, figure_key="K4.share_of_farms", year=2020, audience=Audience.public())

    assert figure.value is None
    assert parts[1].old_name in figure.missing


def municipality_codes() -> list[str]:
    return list(Municipality.objects.values_list("code", flat=True))


def test_an_officer_of_another_municipality_is_refused_and_nothing_is_saved():
    officer = OfficerFactory(municipality=municipality("71072")).user

    with pytest.raises(NotFound):
        _save(officer, "71053", "41000")
    with pytest.raises(NotFound):
        _save(UserFactory(), "71053", "41000")
    assert not ExternalFigure.objects.exists()


def test_an_unknown_code_is_refused():
    with pytest.raises(ApplicationError):
        _save(AdminUserFactory(), "99999", "1")
    assert not ExternalFigure.objects.exists()


def test_deleting_needs_the_same_rights():
    figure = _save(AdminUserFactory(), "71053", "41000")

    with pytest.raises(NotFound):
        external_figure_delete(actor=OfficerFactory(municipality=municipality("71072")).user, external_figure=figure)
    assert ExternalFigure.objects.count() == 1
    external_figure_delete(actor=OfficerFactory().user, external_figure=figure)
    assert not ExternalFigure.objects.exists()
