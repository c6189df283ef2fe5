"""Writes on matches: dismiss one, reopen it, record the agreement (the order in Trade) it became."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User

from ..choices import AgreementKind, MatchStatus
from ..exceptions import InvalidTransition
from ..models import Match
from ..signals import match_agreed


def _locked(match: Match) -> Match:
    return Match.objects.select_for_update().get(pk=match.pk)


@transaction.atomic
def match_dismiss(*, match: Match, actor: User) -> Match:
    """Hide a match from both parties' lists (it stays dismissed through re-matches)."""
    match = _locked(match)
    if match.status == MatchStatus.AGREED:
        raise InvalidTransition(_("This match became an agreement; it cannot be dismissed."))
    match.status = MatchStatus.DISMISSED
    match.dismissed_at = timezone.now()
    match.dismissed_by = actor
    match.save(update_fields=["status", "dismissed_at", "dismissed_by", "updated_at"])
    return match


@transaction.atomic
def match_reopen(*, match: Match, actor: User) -> Match:
    """Undo a dismissal: the match is new again (contacted when a thread exists)."""
    match = _locked(match)
    if match.status != MatchStatus.DISMISSED:
        raise InvalidTransition(_("Only a dismissed match can be reopened."))
    has_thread = hasattr(match, "thread")
    match.status = MatchStatus.CONTACTED if has_thread else MatchStatus.NEW
    match.dismissed_at = None
    match.dismissed_by = None
    match.save(update_fields=["status", "dismissed_at", "dismissed_by", "updated_at"])
    return match


@transaction.atomic
def match_mark_contacted(*, match: Match) -> Match:
    """A party wrote to the other about the match (called by the thread services)."""
    updated = Match.objects.filter(pk=match.pk, status=MatchStatus.NEW).update(
        status=MatchStatus.CONTACTED, updated_at=timezone.now()
    )
    if updated:
        match.status = MatchStatus.CONTACTED
    return match


@transaction.atomic
def match_record_agreement(
    *, match: Match, actor: User | None, reference: str, kind: str = AgreementKind.BUSINESS_ORDER
) -> Match:
    """The match became a trade: `kind` (a standing order, a business order...) and `reference` (the id of that
    order in the orders app, as a string). Counted as a collaboration of the two organisations for the monitor.
    Recording the same agreement again changes nothing; another one replaces it (the latest agreement counts).
    """
    if kind not in AgreementKind.values:
        raise ValidationError({"kind": _("Unknown kind of agreement.")})
    if not reference or len(reference) > 64:
        raise ValidationError({"reference": _("Give the reference of the agreement (at most 64 characters).")})
    match = _locked(match)
    if match.status == MatchStatus.AGREED and match.agreement_kind == kind and match.agreement_reference == reference:
        return match
    match.status = MatchStatus.AGREED
    match.agreement_kind = kind
    match.agreement_reference = reference
    match.agreed_at = timezone.now()
    match.agreed_by = actor
    match.dismissed_at = None
    match.dismissed_by = None
    match.full_clean()
    match.save()
    match_agreed.send(sender=Match, match_id=match.pk)
    return match
