"""Guards: officers of the municipality and admins for figures; a producer's members for its costs."""

import pytest

from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory, UserFactory
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.core.exceptions import NotFound
from streek.monitor.access import access_external_figure, access_figures_municipality, access_producer_costs
from streek.monitor.tests.factories import ExternalFigureFactory

pytestmark = pytest.mark.django_db


def test_figures_of_a_municipality_for_its_officers_and_admins_only():
    st = municipality("71053")
    figure = ExternalFigureFactory(municipality=st)

    assert access_figures_municipality(actor=OfficerFactory().user, municipality_id=st.pk) == st
    assert access_external_figure(actor=AdminUserFactory(), external_figure_id=figure.pk) == figure
    for actor in (UserFactory(), OfficerFactory(municipality=municipality("71072")).user):
        with pytest.raises(NotFound):
            access_figures_municipality(actor=actor, municipality_id=st.pk)
        with pytest.raises(NotFound):
            access_external_figure(actor=actor, external_figure_id=figure.pk)


def test_costs_of_a_producer_for_its_members_only():
    producer = OrganisationFactory()

    assert access_producer_costs(actor=MembershipFactory(organisation=producer).user, organisation_id=producer.pk)
    with pytest.raises(NotFound):
        access_producer_costs(actor=UserFactory(), organisation_id=producer.pk)
