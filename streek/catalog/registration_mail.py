"""The email that tells an applicant how their registration request was decided, in their language.

Called after the decision has committed (`transaction.on_commit`); a failing mail server is logged, never raised,
because the decision stands whatever the mail server says.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from streek.core.public_url import public_url

from .choices import RegistrationStatus
from .models import RegistrationRequest
from .recipients import recipient_language

logger = logging.getLogger(__name__)

LOGIN_URL_NAME = "web:login"


def _login_url() -> str:
    return public_url(LOGIN_URL_NAME, fallback="/")


def registration_decided_notify(*, registration_request_id: int) -> int:
    """Mail the applicant that the request is approved (with the login address) or rejected (with the reason).

    Returns the number of messages sent (0 for a pending request or a failing mail server).
    """
    registration = RegistrationRequest.objects.filter(pk=registration_request_id).first()
    if registration is None or registration.status == RegistrationStatus.PENDING:
        return 0
    approved = registration.status == RegistrationStatus.APPROVED
    template = "registration_approved" if approved else "registration_rejected"
    context = {"registration": registration, "site_name": settings.STREEK_SITE_NAME, "login_url": _login_url()}
    with translation.override(recipient_language(registration.language)):
        if approved:
            subject = _("%(name)s is registered") % {"name": registration.organisation_name}
        else:
            subject = _("your registration of %(name)s") % {"name": registration.organisation_name}
        body = render_to_string(f"catalog/email/{template}.txt", context)
    try:
        return send_mail(
            f"{settings.STREEK_SITE_NAME}: {subject}", body, None, [registration.applicant_email], fail_silently=False
        )
    except Exception:
        logger.exception("catalog: mailing the decision on registration request %s failed", registration.pk)
        return 0
