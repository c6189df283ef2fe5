import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import PermissionRefused
from streek.market.models import DigestSubscription
from streek.market.services.digests import digest_subscribe, digest_unsubscribe
from streek.market.tests.factories import member

pytestmark = pytest.mark.django_db


def test_a_member_opts_in_and_out() -> None:
    organisation = OrganisationFactory()
    user = member(organisation)

    subscription = digest_subscribe(user=user, organisation=organisation)
    digest_unsubscribe(user=user, organisation=organisation)
    again = digest_subscribe(user=user, organisation=organisation)

    assert subscription.pk == again.pk
    assert again.is_active and again.last_sent_at is not None


def test_only_members_opt_in() -> None:
    with pytest.raises(PermissionRefused):
        digest_subscribe(user=UserFactory(), organisation=OrganisationFactory())

    assert DigestSubscription.objects.count() == 0
