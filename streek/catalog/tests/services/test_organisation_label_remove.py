import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.models import OrganisationLabel
from streek.catalog.services.organisations import organisation_label_remove
from streek.catalog.tests.factories import OrganisationFactory, OrganisationLabelFactory
from streek.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def test_remove_deletes_the_label() -> None:
    label = OrganisationLabelFactory()

    organisation_label_remove(organisation=label.organisation, actor=UserFactory(), label_id=label.pk)

    assert not OrganisationLabel.objects.filter(pk=label.pk).exists()


def test_the_label_of_another_organisation_cannot_be_removed() -> None:
    label = OrganisationLabelFactory()

    with pytest.raises(NotFound):
        organisation_label_remove(organisation=OrganisationFactory(), actor=UserFactory(), label_id=label.pk)

    assert OrganisationLabel.objects.filter(pk=label.pk).exists()
