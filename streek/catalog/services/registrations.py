"""Registration of an organisation and its first user: anyone asks, a platform admin or officer decides.

Nothing is created on submission: the request waits. Approval creates the user (with the password hash chosen
at submission), the organisation and the owner membership in one transaction; the applicant is mailed after
the commit, in their language.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, User
from streek.core.exceptions import ApplicationError, NotFound
from streek.territory.models import Country
from streek.territory.selectors import geocode

from ..access import ensure_may_decide_registration
from ..choices import REGISTRABLE_KINDS, RegistrationStatus
from ..directory_cache import directory_changed
from ..exceptions import InvalidTransition
from ..models import Organisation, RegistrationRequest
from ..registration_mail import registration_decided_notify
from ..validators import normalise_enterprise_number, normalise_postal_code

REGISTRATION_COUNTRIES = ("BE", "NL")


def registration_username(email: str) -> str:
    """The username of the user an approved request creates: the applicant's email address, in lower case."""
    return email.strip().lower()


def email_in_use(email: str) -> bool:
    """A user already signs in with, or has, this email address."""
    username = registration_username(email)
    return User.objects.filter(email__iexact=username).exists() or User.objects.filter(username=username).exists()


def enterprise_number_in_use(*, country_id: int, number: str) -> bool:
    return bool(number) and Organisation.objects.filter(country_id=country_id, enterprise_number=number).exists()


def organisation_unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisatie"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def registration_request_submit(
    *,
    applicant_name: str,
    applicant_email: str,
    password: str,
    kind: str,
    organisation_name: str,
    postal_code: str,
    language: str = "nl",
    country_code: str = "BE",
    enterprise_number: str = "",
    street: str = "",
    locality: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    message: str = "",
) -> RegistrationRequest:
    """Keep a request for review. Raises ValidationError by field; nothing is written then."""
    errors: dict[str, list[str]] = {}
    applicant_email = (applicant_email or "").strip()

    if applicant_email and email_in_use(applicant_email):
        errors["applicant_email"] = [str(_("An account with this email address exists already. Please log in."))]
    elif (
        applicant_email
        and RegistrationRequest.objects.filter(
            applicant_email__iexact=applicant_email, status=RegistrationStatus.PENDING
        ).exists()
    ):
        errors["applicant_email"] = [str(_("A request with this email address is already waiting for review."))]

    try:
        validate_password(password, user=User(username=applicant_email, email=applicant_email))
    except ValidationError as error:
        errors["password"] = error.messages

    if kind not in REGISTRABLE_KINDS:
        errors["kind"] = [str(_("Choose the kind of your organisation."))]

    country = Country.objects.filter(code=country_code, code__in=REGISTRATION_COUNTRIES).first()
    if country is None:
        errors["country"] = [str(_("Organisations in Belgium and the Netherlands can register."))]

    number = ""
    if country is not None:
        try:
            number = normalise_enterprise_number(country.code, enterprise_number)
        except ValidationError as error:
            errors["enterprise_number"] = error.messages
        else:
            if enterprise_number_in_use(country_id=country.pk, number=number):
                errors["enterprise_number"] = [
                    str(
                        _("Another organisation is already registered with the enterprise number %(number)s.")
                        % {"number": number}
                    )
                ]

    municipality = None
    if country is not None:
        try:
            postal_code = normalise_postal_code(country.code, postal_code)
        except ValidationError as error:
            errors["postal_code"] = error.messages
        else:
            try:
                municipality = geocode(
                    country_code=country.code, postal_code=postal_code, locality=locality
                ).municipality
            except NotFound:
                errors["postal_code"] = [str(_("We do not know this postal code or locality."))]

    registration = RegistrationRequest(
        applicant_name=(applicant_name or "").strip(),
        applicant_email=applicant_email,
        password_hash=make_password(password),
        language=language,
        kind=kind,
        organisation_name=(organisation_name or "").strip(),
        enterprise_number=number,
        street=(street or "").strip(),
        postal_code=postal_code,
        locality=(locality or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        website=(website or "").strip(),
        message=(message or "").strip(),
    )
    if country is not None:
        registration.country = country
    if municipality is not None:
        registration.municipality = municipality
    exclude = [name for name in ("country", "municipality") if getattr(registration, f"{name}_id") is None]
    try:
        registration.full_clean(exclude=exclude + list(errors))
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    registration.save()
    return registration


def _lock_pending(registration: RegistrationRequest) -> RegistrationRequest:
    locked = RegistrationRequest.objects.select_for_update().select_related("country", "municipality")
    current = locked.get(pk=registration.pk)
    if current.status != RegistrationStatus.PENDING:
        raise InvalidTransition(
            _("This registration request has already been decided (%(status)s).")
            % {"status": current.get_status_display()}
        )
    return current


def _decided(registration: RegistrationRequest, *, actor: User, status: str) -> None:
    registration.status = status
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration.password_hash = ""  # the user has it now, or it is no longer needed
    pk = registration.pk
    transaction.on_commit(lambda: registration_decided_notify(registration_request_id=pk))


@transaction.atomic
def registration_request_approve(*, request: RegistrationRequest, actor: User) -> RegistrationRequest:
    """Create the user, the organisation and the owner membership; mail the applicant after the commit.

    PermissionRefused for anyone but platform admins and officers of the requested municipality;
    InvalidTransition when the request is decided already; ApplicationError when the email address or the
    enterprise number was taken since the request was made.
    """
    ensure_may_decide_registration(actor=actor, registration_request=request)
    registration = _lock_pending(request)
    if email_in_use(registration.applicant_email):
        raise ApplicationError(
            _("An account with the email address %(email)s exists already; reject this request.")
            % {"email": registration.applicant_email}
        )
    if enterprise_number_in_use(country_id=registration.country_id, number=registration.enterprise_number):
        raise ApplicationError(
            _("Another organisation is already registered with the enterprise number %(number)s.")
            % {"number": registration.enterprise_number}
        )
    directory_changed()
    first_name, _space, last_name = registration.applicant_name.partition(" ")
    user = User(
        username=registration_username(registration.applicant_email),
        email=registration.applicant_email,
        first_name=first_name[:150],
        last_name=last_name.strip()[:150],
        language=registration.language,
        password=registration.password_hash,
    )
    user.full_clean()
    user.save()
    municipality = registration.municipality
    organisation = Organisation(
        kind=registration.kind,
        name=registration.organisation_name,
        slug=organisation_unique_slug(registration.organisation_name),
        country=registration.country,
        enterprise_number=registration.enterprise_number,
        street=registration.street,
        postal_code=registration.postal_code,
        locality=registration.locality or municipality.name,
        municipality=municipality,
        lat=municipality.lat,
        lon=municipality.lon,
        email=registration.email,
        phone=registration.phone,
        website=registration.website,
        created_by=user,
    )
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.OWNER)
    _decided(registration, actor=actor, status=RegistrationStatus.APPROVED)
    registration.user = user
    registration.organisation = organisation
    registration.save(
        update_fields=["status", "decided_by", "decided_at", "password_hash", "user", "organisation", "updated_at"]
    )
    return registration


@transaction.atomic
def registration_request_reject(*, request: RegistrationRequest, actor: User, reason: str) -> RegistrationRequest:
    """Turn the request down with a reason, which the applicant is mailed after the commit. Nothing is created."""
    ensure_may_decide_registration(actor=actor, registration_request=request)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            str(_("Please give a reason for rejecting the request.")),
            extra={"errors": {"reason": _("This field is required.")}},
        )
    registration = _lock_pending(request)
    _decided(registration, actor=actor, status=RegistrationStatus.REJECTED)
    registration.rejection_reason = reason[:300]
    registration.save(
        update_fields=["status", "decided_by", "decided_at", "password_hash", "rejection_reason", "updated_at"]
    )
    return registration
