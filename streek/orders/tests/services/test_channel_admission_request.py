import pytest

from streek.accounts.choices import MembershipRole
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import AdmissionStatus, ChannelKind
from streek.orders.models import ChannelAdmission
from streek.orders.services.channels import channel_admission_request
from streek.orders.tests.factories import ChannelAdmissionFactory, ChannelTermsFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_channel_admission_request_records_a_request():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)

    admission = channel_admission_request(actor=member_of(restaurant), terms=terms, buyer=restaurant)

    assert admission.status == AdmissionStatus.REQUESTED
    assert ChannelAdmission.objects.get().buyer == restaurant


def test_channel_admission_request_twice_keeps_one_request():
    admission = ChannelAdmissionFactory(status=AdmissionStatus.ADMITTED)

    again = channel_admission_request(actor=member_of(admission.buyer), terms=admission.terms, buyer=admission.buyer)

    assert again.pk == admission.pk
    assert again.status == AdmissionStatus.ADMITTED
    assert ChannelAdmission.objects.count() == 1


def test_channel_admission_request_after_a_refusal_asks_again():
    admission = ChannelAdmissionFactory(status=AdmissionStatus.REFUSED, note="Te ver")

    again = channel_admission_request(actor=member_of(admission.buyer), terms=admission.terms, buyer=admission.buyer)

    again.refresh_from_db()
    assert (again.status, again.note, again.decided_at) == (AdmissionStatus.REQUESTED, "", None)


def test_channel_admission_request_refuses_the_consumer_channel():
    terms = ChannelTermsFactory(kind=ChannelKind.CONSUMER)
    buyer = OrganisationFactory(kind=OrganisationKind.HORECA)

    with pytest.raises(ApplicationError, match="without admission"):
        channel_admission_request(actor=member_of(buyer), terms=terms, buyer=buyer)

    assert not ChannelAdmission.objects.exists()


def test_channel_admission_request_refuses_an_inactive_channel():
    terms = ChannelTermsFactory(kind=ChannelKind.SCHOOL, is_active=False)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)

    with pytest.raises(ApplicationError):
        channel_admission_request(actor=member_of(school), terms=terms, buyer=school)

    assert not ChannelAdmission.objects.exists()


def test_channel_admission_request_refuses_someone_who_does_not_edit_the_buyer():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)

    with pytest.raises(PermissionRefused):
        channel_admission_request(actor=member_of(restaurant, MembershipRole.STAFF), terms=terms, buyer=restaurant)

    assert not ChannelAdmission.objects.exists()
