import pytest

from streek.accounts.choices import MembershipRole
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import AdmissionStatus
from streek.orders.services.channels import channel_admission_decide
from streek.orders.tests.factories import ChannelAdmissionFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_channel_admission_decide_admits_a_buyer():
    admission = ChannelAdmissionFactory(status=AdmissionStatus.REQUESTED)
    manager = member_of(admission.terms.hub, MembershipRole.MANAGER)

    decided = channel_admission_decide(actor=manager, admission=admission, admit=True, note=" Welkom ")

    decided.refresh_from_db()
    assert (decided.status, decided.decided_by, decided.note) == (AdmissionStatus.ADMITTED, manager, "Welkom")
    assert decided.decided_at is not None


def test_channel_admission_decide_refuses_a_request():
    admission = ChannelAdmissionFactory(status=AdmissionStatus.REQUESTED)

    decided = channel_admission_decide(actor=member_of(admission.terms.hub), admission=admission, admit=False)

    assert decided.status == AdmissionStatus.REFUSED


def test_channel_admission_decide_revokes_an_admitted_buyer():
    admission = ChannelAdmissionFactory(status=AdmissionStatus.ADMITTED)

    decided = channel_admission_decide(actor=member_of(admission.terms.hub), admission=admission, admit=False)

    assert decided.status == AdmissionStatus.REVOKED


def test_channel_admission_decide_refuses_the_buyer_itself_and_changes_nothing():
    admission = ChannelAdmissionFactory(status=AdmissionStatus.REQUESTED)

    with pytest.raises(PermissionRefused):
        channel_admission_decide(actor=member_of(admission.buyer), admission=admission, admit=True)

    admission.refresh_from_db()
    assert (admission.status, admission.decided_at) == (AdmissionStatus.REQUESTED, None)
