"""Writes on an organisation's own profile and its declared labels."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from streek.accounts.models import User
from streek.core.exceptions import NotFound
from streek.territory.selectors import geocode

from ..choices import Practice
from ..directory_cache import directory_changed
from ..models import Concept, Organisation, OrganisationLabel
from ..validators import normalise_enterprise_number

# What the organisation keeps about itself; kind, slug and country stay with the platform.
EDITABLE_FIELDS = frozenset(
    {
        "name",
        "legal_name",
        "enterprise_number",
        "street",
        "postal_code",
        "locality",
        "municipality",
        "lat",
        "lon",
        "email",
        "phone",
        "website",
        "description_nl",
        "description_fr",
        "description_en",
        "practices",
        "logo",
    }
)
ADDRESS_FIELDS = ("street", "postal_code", "locality")
MAX_LOGO_BYTES = 2 * 1024 * 1024


def logo_errors(logo: File) -> list[str]:  # type: ignore[type-arg]
    """Why this file cannot be a logo: larger than 2 MB or not an image Pillow can read. Empty when fine."""
    if logo.size is not None and logo.size > MAX_LOGO_BYTES:
        return [str(_("The logo is larger than 2 MB. Please upload a smaller image."))]
    try:
        position = logo.tell()
        logo.seek(0)
        with Image.open(logo) as image:
            image.verify()
        logo.seek(position)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return [str(_("The logo is not an image we can read. Please upload a PNG, JPEG or WebP file."))]
    return []


def _check_enterprise_number(organisation: Organisation, value: str) -> str:
    number = normalise_enterprise_number(organisation.country.code, value)
    taken = (
        Organisation.objects.filter(country_id=organisation.country_id, enterprise_number=number)
        .exclude(pk=organisation.pk)
        .exists()
    )
    if number and taken:
        raise ValidationError(
            _("Another organisation is already registered with the enterprise number %(number)s."),
            code="enterprise_number_taken",
            params={"number": number},
        )
    return number


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor: User, **fields: Any) -> Organisation:
    """Change the profile. The enterprise number is normalised for the organisation's country; a changed
    address without a given position is located offline (municipality and its point). Nothing is saved on error.

    `logo=False` removes the logo; `logo=None` leaves it as it is.
    """
    directory_changed()
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"organisation_update() does not change {sorted(unknown)}")
    errors: dict[str, list[str]] = {}

    if "enterprise_number" in fields:
        try:
            fields["enterprise_number"] = _check_enterprise_number(organisation, fields["enterprise_number"] or "")
        except ValidationError as error:
            errors["enterprise_number"] = error.messages

    if "practices" in fields:
        practices = list(fields["practices"] or [])
        known = set(Practice.values)
        strange = [value for value in practices if value not in known]
        if strange:
            errors["practices"] = [
                str(_("Unknown practice: %(values)s.") % {"values": ", ".join(str(value) for value in strange)})
            ]
        fields["practices"] = list(dict.fromkeys(practices))

    if "logo" in fields:
        logo = fields["logo"]
        if logo is None:
            del fields["logo"]
        elif logo is False:
            fields["logo"] = None
        else:
            problems = logo_errors(logo)
            if problems:
                errors["logo"] = problems

    address_changed = any(
        name in fields and (fields[name] or "") != getattr(organisation, name) for name in ADDRESS_FIELDS
    )
    if address_changed and "lat" not in fields and "lon" not in fields and "postal_code" not in errors:
        postal_code = fields.get("postal_code", organisation.postal_code) or ""
        locality = fields.get("locality", organisation.locality) or ""
        if not postal_code.strip() and not locality.strip():
            fields.update(municipality=None, lat=None, lon=None)
        else:
            try:
                found = geocode(country_code=organisation.country.code, postal_code=postal_code, locality=locality)
            except NotFound:
                errors["postal_code"] = [str(_("We do not know this postal code or locality."))]
            else:
                fields.update(municipality=found.municipality, lat=found.point.lat, lon=found.point.lon)

    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_label_set(
    *,
    organisation: Organisation,
    actor: User,
    facet_key: str,
    certificate_number: str = "",
    certifier: str = "",
    valid_until: date | None = None,
    evidence_url: str = "",
) -> OrganisationLabel:
    """Declare a label (a DFC facet) with its evidence, or update the one already declared."""
    directory_changed()
    facet = Concept.objects.filter(scheme="facet", key=facet_key).first()
    if facet is None:
        raise ValidationError({"facet": [_("Unknown label.")]}, code="unknown_facet")
    label = OrganisationLabel.objects.filter(organisation=organisation, facet=facet).first()
    if label is None:
        label = OrganisationLabel(organisation=organisation, facet=facet)
    label.certificate_number = (certificate_number or "").strip()
    label.certifier = (certifier or "").strip()
    label.valid_until = valid_until
    label.evidence_url = (evidence_url or "").strip()
    label.full_clean()
    label.save()
    return label


@transaction.atomic
def organisation_label_remove(*, organisation: Organisation, actor: User, label_id: int) -> OrganisationLabel:
    """Withdraw a declared label. NotFound when the label is not this organisation's."""
    directory_changed()
    label = OrganisationLabel.objects.select_related("facet").filter(pk=label_id, organisation=organisation).first()
    if label is None:
        raise NotFound(str(_("This label is not declared by the organisation.")))
    label.delete()
    return label
