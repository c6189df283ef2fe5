"""Factories for people and their roles. Keep them generic: tests set what they assert on."""

import factory
from factory.django import DjangoModelFactory

from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, OfficerAssignment, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    language = "nl"
    password = factory.django.Password("streek-test")


class AdminUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


def _municipality():  # type: ignore[no-untyped-def]
    from streek.territory.models import Municipality

    return Municipality.objects.get(code="71053")


class OfficerFactory(DjangoModelFactory):
    """An officer assignment (user + municipality); the municipality defaults to Sint-Truiden (71053)."""

    class Meta:
        model = OfficerAssignment

    user = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(_municipality)
    department = ""


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory("streek.catalog.tests.factories.OrganisationFactory")
    role = MembershipRole.OWNER


def issue_api_token(  # type: ignore[no-untyped-def]
    *, organisation=None, user=None, scopes: list[str] | None = None, **fields
):
    """A token issued through the service (an owner of the organisation creates it): returns (row, plain token)."""
    from streek.accounts.services.api_tokens import api_token_create

    if organisation is None:
        from streek.catalog.tests.factories import OrganisationFactory

        organisation = OrganisationFactory()
    if user is None:
        user = MembershipFactory(organisation=organisation, role=MembershipRole.OWNER).user
    issued = api_token_create(
        organisation_id=organisation.pk,
        actor=user,
        name=fields.pop("name", "Webshop"),
        scopes=scopes if scopes is not None else ["orders:write"],
        **fields,
    )
    return issued.token, issued.plain
