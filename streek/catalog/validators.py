"""Validation of enterprise numbers and postal codes for Belgium and the Netherlands."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat as be_vat
from stdnum.exceptions import ValidationError as StdnumError

KVK_PATTERN = re.compile(r"^\d{8}$")


def normalise_enterprise_number(country_code: str, value: str) -> str:
    """The canonical form of a Belgian KBO/BCE (10 digits, mod 97) or Dutch KvK number (8 digits).

    Raises ValidationError with a translated message when the number is not valid.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if country_code == "BE":
        try:
            digits = be_vat.validate(value)
        except StdnumError as error:
            raise ValidationError(
                _("'%(value)s' is not a valid Belgian enterprise number (KBO/BCE): ten digits with a valid check."),
                code="invalid_kbo",
                params={"value": value},
            ) from error
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    if country_code == "NL":
        digits = re.sub(r"[\s.]", "", value)
        if not KVK_PATTERN.match(digits):
            raise ValidationError(
                _("'%(value)s' is not a valid Dutch KvK number: eight digits."),
                code="invalid_kvk",
                params={"value": value},
            )
        return digits
    raise ValidationError(
        _("Enterprise numbers can be checked for Belgium and the Netherlands only."), code="unknown_country"
    )


BE_POSTAL = re.compile(r"^\d{4}$")
NL_POSTAL = re.compile(r"^\d{4}\s?[A-Z]{2}$")


def normalise_postal_code(country_code: str, value: str) -> str:
    value = (value or "").strip().upper()
    if country_code == "BE" and BE_POSTAL.match(value):
        return value
    if country_code == "NL" and (NL_POSTAL.match(value) or BE_POSTAL.match(value)):
        digits, letters = value[:4], value[4:].strip()
        return f"{digits} {letters}".strip()
    raise ValidationError(
        _("'%(value)s' is not a valid postal code for this country."),
        code="invalid_postal_code",
        params={"value": value},
    )
