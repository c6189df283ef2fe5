"""Guards on what people keep for their organisations: its API tokens.

NotFound (404) when the actor may not know of the organisation's tokens (not a member), PermissionRefused (403)
when a member may not manage them (staff). Only owners and managers manage tokens; platform admins do not,
unless they are one of them. One condition per line.
"""

from streek.core.exceptions import NotFound, PermissionRefused

from .models import ApiToken
from .selectors import Actor, is_organisation_editor, organisation_ids


def access_api_tokens(*, actor: Actor, organisation_id: int) -> None:
    """The tokens page of an organisation: its owners and managers."""
    if organisation_id not in organisation_ids(actor=actor):
        raise NotFound("organisation")
    if not is_organisation_editor(actor=actor, organisation_id=organisation_id):
        raise PermissionRefused("api tokens")


def access_api_token(*, actor: Actor, organisation_id: int, token_id: int) -> ApiToken:
    """One token of the organisation, for its owners and managers."""
    access_api_tokens(actor=actor, organisation_id=organisation_id)
    token = ApiToken.objects.filter(pk=token_id, organisation_id=organisation_id).first()
    if token is None:
        raise NotFound("api token")
    return token
