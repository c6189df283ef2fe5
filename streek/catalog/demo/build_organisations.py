"""Organisations of the demo region (farms, processors, hubs, buyers, municipalities), their labels and regions."""

from datetime import timedelta

from streek.territory.models import CustomRegion, Municipality

from ..choices import OrganisationKind
from ..models import Organisation, OrganisationLabel
from .context import EMAIL_DOMAIN, DemoContext, municipality_point
from .names import CITIES, CUSTOM_REGIONS, DEMO_MUNICIPALITIES
from .organisations import DESCRIPTIONS, ORGANISATIONS, OrganisationSpec

ORGANIC_FACET = "Organic-EU"
CERTIFIERS = {"BE": (("BE-BIO-01", "Certisys"), ("BE-BIO-02", "TÜV NORD Integra")), "NL": (("NL-BIO-01", "Skal"),)}


def custom_regions_build(ctx: DemoContext) -> list[CustomRegion]:
    """Haspengouw and Noord-Limburg; updated in place when they already exist."""
    regions = []
    for name, slug, description, members in CUSTOM_REGIONS:
        region, _created = CustomRegion.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        region.municipalities.set([ctx.municipalities[m] for m in members])
        regions.append(region)
    return regions


def _describe(key: str, **values: object) -> dict[str, str]:
    nl, fr, en = DESCRIPTIONS[key]
    return {
        "description_nl": nl.format(**values),
        "description_fr": fr.format(**values),
        "description_en": en.format(**values),
    }


def _organisation(
    ctx: DemoContext, spec: OrganisationSpec, municipality: Municipality, taken: set[str]
) -> Organisation:
    country = municipality.country
    street, postal_code, locality = ctx.address(municipality)
    lat, lon = ctx.near(municipality)
    slug = ctx.slug(spec.name, taken)
    hectares = ctx.rng.randint(4, 45)
    return Organisation(
        kind=spec.kind,
        name=spec.name,
        slug=slug,
        legal_name=spec.name if ctx.rng.random() < 0.5 else f"{spec.name} BV",
        country=country,
        enterprise_number=ctx.enterprise_number(country.code),
        street=street,
        postal_code=postal_code,
        locality=locality,
        municipality=municipality,
        lat=lat,
        lon=lon,
        email=f"{slug}@{EMAIL_DOMAIN}",
        phone=ctx.phone(municipality),
        website=f"https://{slug}.{EMAIL_DOMAIN}/" if ctx.rng.random() < 0.6 else "",
        practices=[str(p) for p in spec.practices],
        is_demo=True,
        **_describe(spec.specialism, name=spec.name, locality=locality, founded=spec.founded, hectares=hectares),
    )


def _municipality_organisation(ctx: DemoContext, municipality: Municipality, taken: set[str]) -> Organisation:
    title = "Stad" if municipality.name_nl in CITIES else "Gemeente"
    name = f"{title} {municipality.name_nl}"
    _street, postal_code, locality = ctx.address(municipality)
    slug = ctx.slug(name, taken)
    lat, lon = municipality_point(municipality)
    return Organisation(
        kind=OrganisationKind.MUNICIPALITY,
        name=name,
        slug=slug,
        legal_name=f"{title}sbestuur {municipality.name_nl}" if title == "Stad" else f"Gemeente {municipality.name_nl}",
        country=municipality.country,
        enterprise_number=ctx.enterprise_number(municipality.country.code),
        street=ctx.rng.choice(("Markt 1", "Grote Markt 1", "Kerkplein 1", "Raadhuisplein 1")),
        postal_code=postal_code,
        locality=locality,
        municipality=municipality,
        lat=lat,
        lon=lon,
        email=f"lokale.economie.{slug}@{EMAIL_DOMAIN}",
        phone=ctx.phone(municipality),
        is_demo=True,
        **_describe("municipality", name=municipality.name_nl, locality=locality),
    )


def organisations_build(ctx: DemoContext) -> dict[str, Organisation]:
    """All demo organisations keyed by spec key; municipalities under 'municipality:<name>'."""
    taken = set(Organisation.objects.values_list("slug", flat=True))
    keyed: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        keyed[spec.key] = _organisation(ctx, spec, ctx.municipalities[spec.municipality], taken)
    for name in DEMO_MUNICIPALITIES:
        keyed[f"municipality:{name}"] = _municipality_organisation(ctx, ctx.municipalities[name], taken)
    Organisation.objects.bulk_create(list(keyed.values()))
    return keyed


def labels_build(ctx: DemoContext, organisations: dict[str, Organisation]) -> list[OrganisationLabel]:
    """Organic certificates for the organic organisations, and a Demeter label for one of them."""
    organic = ctx.concept("facet", ORGANIC_FACET)
    labels = []
    for spec in ORGANISATIONS:
        if not spec.organic:
            continue
        organisation = organisations[spec.key]
        prefix, certifier = ctx.rng.choice(CERTIFIERS[organisation.country.code])
        labels.append(
            OrganisationLabel(
                organisation=organisation,
                facet=organic,
                certificate_number=f"{prefix} / {ctx.rng.randint(10000, 99999)}",
                certifier=certifier,
                valid_until=ctx.today + timedelta(days=ctx.rng.randint(60, 420)),
            )
        )
    demeter = ctx.concepts.get("facet", {}).get("Demeter")
    if demeter is not None:
        labels.append(
            OrganisationLabel(
                organisation=organisations["perelke"],
                facet=demeter,
                certificate_number=f"DEMETER-BE {ctx.rng.randint(100, 999)}",
                certifier="Demeter Belgium",
                valid_until=ctx.today + timedelta(days=300),
            )
        )
    OrganisationLabel.objects.bulk_create(labels)
    return labels
