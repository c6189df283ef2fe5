"""People and cycles for the hub pages' tests, built from the shared factories and the orders' test scenarios."""

from dataclasses import dataclass

from django.test import Client

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.orders.models import CycleOffer, Order, OrderCycle
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import HubFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import member_of


def client_for(user: User | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Team:
    """A hub with an owner, a staff member, and a member of another hub."""

    hub: Organisation
    owner: User
    staff: User
    stranger: User


def team() -> Team:
    hub = HubFactory()
    return Team(
        hub=hub,
        owner=member_of(hub, MembershipRole.OWNER),
        staff=member_of(hub, MembershipRole.STAFF),
        stranger=member_of(HubFactory(), MembershipRole.OWNER),
    )


@dataclass
class Trading:
    """An open cycle of a hub with two producers (one offer each) and orders on both."""

    team: Team
    cycle: OrderCycle
    carrots: CycleOffer
    eggs: CycleOffer
    orders: list[Order]

    @property
    def farmer(self) -> Organisation:
        return self.carrots.exchange.producer

    @property
    def poultry(self) -> Organisation:
        return self.eggs.exchange.producer


def trading(*, orders: int = 2, **cycle: object) -> Trading:
    people = team()
    order_cycle = OrderCycleFactory(hub=people.hub, **cycle)
    carrots = offer_of(order_cycle, stock=50)
    eggs = offer_of(order_cycle, stock=None)
    carrots.variant.product.name_nl = "Wortelen"
    carrots.variant.product.save(update_fields=["name_nl"])
    eggs.variant.product.name_nl = "Eieren"
    eggs.variant.product.save(update_fields=["name_nl"])
    placed = [place_order(cycle=order_cycle, lines=[(carrots, 2), (eggs, 6)]) for _ in range(orders)]
    return Trading(team=people, cycle=order_cycle, carrots=carrots, eggs=eggs, orders=placed)
