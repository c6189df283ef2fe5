"""What every demo builder shares: the seeded random source, the demo municipalities, concepts, and address helpers."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import slugify

from streek.territory.models import Country, Municipality, PostalCode

from ..models import Concept
from .names import (
    BE_LOCALITIES,
    BE_PHONE_ZONES,
    BE_STREETS,
    DEMO_MUNICIPALITIES,
    NL_PHONE_ZONES,
    NL_POSTAL_CODES,
    NL_STREETS,
)

KM_PER_DEGREE_LAT = 111.32
EMAIL_DOMAIN = "demo.streek.local"
ADDRESS_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


@dataclass
class DemoContext:
    """Loaded once per run; builders read from it and record what they made in `made`."""

    rng: random.Random
    now: datetime
    municipalities: dict[str, Municipality]
    countries: dict[str, Country]
    postal_codes: dict[int, list[str]]
    concepts: dict[str, dict[str, Concept]]
    used_slugs: set[str] = field(default_factory=set)
    used_numbers: set[str] = field(default_factory=set)
    made: dict[str, Any] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    def concept(self, scheme: str, key: str) -> Concept:
        try:
            return self.concepts[scheme][key]
        except KeyError as error:
            raise ImproperlyConfigured(f"The {scheme} taxonomy has no concept '{key}'; load the taxonomies.") from error

    def slug(self, text: str, taken: set[str]) -> str:
        """A slug for text not used in this run nor in `taken` (slugs already in the database)."""
        base = slugify(text)[:200] or "demo"
        candidate, number = base, 2
        while candidate in self.used_slugs or candidate in taken:
            candidate = f"{base}-{number}"
            number += 1
        self.used_slugs.add(candidate)
        return candidate

    def near(self, municipality: Municipality, max_km: float = 4.0) -> tuple[float, float]:
        """A random position within max_km of the municipality's point (uniform over the disc)."""
        lat, lon = municipality_point(municipality)
        distance = max_km * math.sqrt(self.rng.random())
        bearing = self.rng.uniform(0, 2 * math.pi)
        dlat = distance * math.cos(bearing) / KM_PER_DEGREE_LAT
        dlon = distance * math.sin(bearing) / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
        return round(lat + dlat, 6), round(lon + dlon, 6)

    def address(self, municipality: Municipality, locality: str = "") -> tuple[str, str, str]:
        """(street and number, postal code, locality) in the municipality, in the given locality when known."""
        if municipality.country.code == "NL":
            options = NL_POSTAL_CODES[municipality.name_nl]
            options = tuple(o for o in options if o[1] == locality) or options
            digits, locality = self.rng.choice(options)
            letters = self.rng.choice(ADDRESS_LETTERS) + self.rng.choice(ADDRESS_LETTERS)
            street = f"{self.rng.choice(NL_STREETS)} {self.rng.randint(1, 80)}"
            return street, f"{digits} {letters}", locality
        codes = self.postal_codes.get(municipality.pk) or [""]
        codes = [c for c in codes if BE_LOCALITIES.get(c) == locality] or codes
        code = self.rng.choice(codes)
        street = f"{self.rng.choice(BE_STREETS)} {self.rng.randint(1, 150)}"
        return street, code, BE_LOCALITIES.get(code, municipality.name_nl)

    def phone(self, municipality: Municipality) -> str:
        r = self.rng
        if municipality.country.code == "NL":
            zone = NL_PHONE_ZONES.get(municipality.name_nl, "77")
            return f"+31 {zone} {r.randint(300, 899)} {r.randint(1000, 9999)}"
        if r.random() < 0.3:
            return f"+32 47{r.randint(0, 9)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}"
        zone = BE_PHONE_ZONES.get(municipality.name_nl, "11")
        return f"+32 {zone} {r.randint(20, 99)} {r.randint(10, 99)} {r.randint(10, 99)}"

    def enterprise_number(self, country_code: str) -> str:
        """A fresh, valid Belgian KBO/BCE number (mod 97) or an 8-digit Dutch KvK number."""
        while True:
            if country_code == "BE":
                base = self.rng.randint(2_000_000, 8_999_999)  # eight digits with a leading 0
                digits = f"{base:08d}{97 - base % 97:02d}"
                number = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
            else:
                number = f"{self.rng.randint(10_000_000, 99_999_999)}"
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number


def municipality_point(municipality: Municipality) -> tuple[float, float]:
    if municipality.lat is None or municipality.lon is None:
        raise ImproperlyConfigured(f"Municipality {municipality.code} has no point.")
    return municipality.lat, municipality.lon


def context_build(*, seed: int, now: datetime) -> DemoContext:
    """Read the demo municipalities, their postal codes and the taxonomies from the database."""
    municipalities = {
        m.name_nl: m
        for m in Municipality.objects.select_related("country").filter(name_nl__in=DEMO_MUNICIPALITIES).order_by("code")
    }
    missing = sorted(set(DEMO_MUNICIPALITIES) - set(municipalities))
    if missing:
        raise ImproperlyConfigured(f"Municipalities missing from the territory tables: {', '.join(missing)}")
    postal_codes: dict[int, list[str]] = {}
    for municipality_id, code in (
        PostalCode.objects.filter(municipality__in=municipalities.values())
        .order_by("code")
        .values_list("municipality_id", "code")
    ):
        postal_codes.setdefault(municipality_id, []).append(code)
    concepts: dict[str, dict[str, Concept]] = {}
    for concept in Concept.objects.order_by("scheme", "key"):
        concepts.setdefault(concept.scheme, {})[concept.key] = concept
    countries = {c.code: c for c in Country.objects.filter(code__in=["BE", "NL"])}
    return DemoContext(
        rng=random.Random(seed),
        now=now,
        municipalities=municipalities,
        countries=countries,
        postal_codes=postal_codes,
        concepts=concepts,
    )
