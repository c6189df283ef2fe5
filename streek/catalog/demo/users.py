"""The demo logins: one person per role, with the same password, and what each can try."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db.models import Q

from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, OfficerAssignment, User

from ..models import Organisation
from .context import EMAIL_DOMAIN, DemoContext

DEMO_PASSWORD = "streek-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    try_this: str
    superuser: bool = False
    organisation: str = ""  # OrganisationSpec.key
    membership_role: str = ""
    officer_of: tuple[str, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Paula", "Beheerder", "platform admin (superuser)",
             "/admin/, every municipality, taxonomies, all data", superuser=True),
    DemoUser("ambtenaar.sinttruiden", "An", "Vandeput", "officer Sint-Truiden + Gingelom",
             "verify stale points, approve the 3 proposed points, handle change reports",
             officer_of=("Sint-Truiden", "Gingelom")),
    DemoUser("ambtenaar.venlo", "Joost", "Hermans", "officer Venlo",
             "the Dutch side: the inventory of Venlo, import a CSV", officer_of=("Venlo",)),
    DemoUser("boer.fruit", "Jan", "Vanherck", "producer, owner of Fruitbedrijf Vanherck",
             "products, prices and season; prepare your lines of the hub's cycle (final weights)", organisation="vanherck",
             membership_role=MembershipRole.OWNER),
    DemoUser("boer.zuivel", "Els", "Wouters", "producer, owner of Hoeve Ter Linden (dairy)",
             "dairy products with allergens, the vending machine", organisation="terlinden",
             membership_role=MembershipRole.OWNER),
    DemoUser("verwerker.sap", "Koen", "Schoofs", "processor, owner of Fruitpers Haspengouw",
             "juices and cider: products with variants and prices", organisation="fruitpers",
             membership_role=MembershipRole.OWNER),
    DemoUser("hub.haspengouw", "Sofie", "Jacobs", "food hub manager, Voedselhub Haspengouw",
             "run the weekly cycle: orders, pick and packing lists, close, invoices, admissions", organisation="hubhaspengouw",
             membership_role=MembershipRole.MANAGER),
    DemoUser("keuken.zorg", "Marleen", "Claes", "buyer, kitchen of WZC Sint-Jozef",
             "order for the care home on its channel terms; the standing order", organisation="sintjozef",
             membership_role=MembershipRole.MANAGER),
    DemoUser("school.kok", "Pieter", "Lemmens", "buyer, school kitchen De Klimop",
             "ask the hub to admit the school; find growers by season", organisation="klimop",
             membership_role=MembershipRole.MANAGER),
    DemoUser("voedselbank", "Griet", "Peeters", "food bank, Voedselbank Haspengouw",
             "the food bank's profile; find farms nearby", organisation="voedselbank", membership_role=MembershipRole.MANAGER),
    DemoUser("bewoner", "Lotte", "Janssens", "resident (no organisation)",
             "order from several farms in one basket; the map, open now"),
)  # fmt: skip


def demo_users_filter() -> Q:
    """Users the demo made: a demo username with a demo email address (a real admin is never touched)."""
    return Q(username__in=[u.username for u in DEMO_USERS], email__endswith=f"@{EMAIL_DOMAIN}")


def users_build(ctx: DemoContext) -> dict[str, User]:
    """Create the demo users that do not exist yet; an existing user with the same name is left alone."""
    existing = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])}
    password = make_password(DEMO_PASSWORD)  # hash once: the same password for every demo login
    new_users = [
        User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            language="nl",
            password=password,
            is_superuser=spec.superuser,
            is_staff=spec.superuser,
            date_joined=ctx.now,
        )
        for spec in DEMO_USERS
        if spec.username not in existing
    ]
    User.objects.bulk_create(new_users)
    users = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])}
    ctx.made["skipped_users"] = sorted(name for name, user in existing.items() if not user.email.endswith(EMAIL_DOMAIN))
    return users


def roles_build(ctx: DemoContext, users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    """Memberships and officer assignments for the demo users."""
    memberships = []
    assignments = []
    for spec in DEMO_USERS:
        user = users[spec.username]
        if spec.organisation:
            memberships.append(
                Membership(user=user, organisation=organisations[spec.organisation], role=spec.membership_role)
            )
        for name in spec.officer_of:
            assignments.append(
                OfficerAssignment(user=user, municipality=ctx.municipalities[name], department="Lokale economie")
            )
    Membership.objects.bulk_create(memberships, ignore_conflicts=True)
    OfficerAssignment.objects.bulk_create(assignments, ignore_conflicts=True)


def login_rows() -> list[tuple[str, str, str]]:
    return [(spec.username, spec.role, spec.try_this) for spec in DEMO_USERS]
