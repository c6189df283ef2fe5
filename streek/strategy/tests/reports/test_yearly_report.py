import pytest
from django.utils import translation

from streek.accounts.tests.factories import OfficerFactory, UserFactory
from streek.core.exceptions import PermissionRefused
from streek.strategy.choices import ReportStatus
from streek.strategy.models import YearlyReport
from streek.strategy.reports.services import yearly_report_build, yearly_report_request
from streek.strategy.tests.factories import published_goal
from streek.territory.models import Municipality

from .helpers import sale_facts

pytestmark = pytest.mark.django_db
AREA = "municipality:71053"  # Sint-Truiden


def test_build_shows_the_figures_and_is_reproducible():
    # given three producers selling in Sint-Truiden in 2024 and 2025
    sale_facts(municipality_code="71053", year=2024, producers=3, value="100.00")
    sale_facts(municipality_code="71053", year=2025, producers=3, value="150.00")
    # when the report of 2025 is built twice
    with translation.override("en"):
        first = yearly_report_build(area_slug=AREA, year=2025)
        second = yearly_report_build(area_slug=AREA, year=2025)
    # then it shows the turnover, is a PDF, and the same data gives the same report
    assert "Sint-Truiden" in first.area.name
    assert "450" in first.html
    assert "Annex: methods and sources" in first.html
    assert first.pdf.startswith(b"%PDF")
    assert first.html == second.html
    assert first.pdf == second.pdf
    assert first.data_hash == second.data_hash


def test_build_changes_with_the_data():
    sale_facts(municipality_code="71053", year=2025, producers=3)
    before = yearly_report_build(area_slug=AREA, year=2025)
    sale_facts(municipality_code="71053", year=2025, producers=3)
    after = yearly_report_build(area_slug=AREA, year=2025)
    assert before.data_hash != after.data_hash


def test_build_suppresses_figures_of_fewer_than_three_organisations():
    # given two producers only, with a distinctive amount
    sale_facts(municipality_code="71053", year=2025, producers=2, value="777.00")
    # when the public report is built
    built = yearly_report_build(area_slug=AREA, year=2025)
    # then their turnover is not shown
    assert "1,554" not in built.html and "1554" not in built.html and "1.554" not in built.html


def test_build_includes_the_published_goals_of_the_area():
    municipality = Municipality.objects.get(code="71053")
    goal = published_goal(title="Twice as many farm shops", municipalities=[municipality])
    with translation.override("en"):
        built = yearly_report_build(area_slug=AREA, year=2025)
    assert goal.title in built.html


def test_officer_requests_the_report_and_the_worker_makes_it(django_capture_on_commit_callbacks):
    # given an officer of Sint-Truiden and sales
    officer = OfficerFactory().user
    sale_facts(municipality_code="71053", year=2025, producers=3)
    # when the officer asks for the report (the test task backend runs it at once after commit)
    with django_capture_on_commit_callbacks(execute=True):
        report = yearly_report_request(actor=officer, area_slug=AREA, year=2025)
    # then it is done, with its page and PDF kept
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.html
    assert report.pdf.read().startswith(b"%PDF")
    assert len(report.data_hash) == 64


def test_someone_who_is_not_an_officer_of_the_area_is_refused():
    outsider = UserFactory()
    other_officer = OfficerFactory(municipality=Municipality.objects.get(code="11002")).user
    for actor in (outsider, other_officer):
        with pytest.raises(PermissionRefused):
            yearly_report_request(actor=actor, area_slug=AREA, year=2025)
    assert not YearlyReport.objects.exists()
