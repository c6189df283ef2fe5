"""Products, variants and product claims for the demo producers and processors."""

from decimal import Decimal

from ..choices import OrganisationKind, VatRate
from ..models import Organisation, Product, ProductClaim, Variant
from ..models.product import NUTRIENT_FIELDS
from .build_organisations import ORGANIC_FACET
from .catalogue import PRODUCTS_BY_SPECIALISM
from .context import DemoContext
from .organisations import ORGANISATIONS
from .products import CLAIMS, NUTRITION, TIPS, ProductSpec, months_mask

MAKERS = (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR)


def _vat(organisation: Organisation, spec: ProductSpec) -> Decimal:
    if spec.alcoholic:
        return Decimal(VatRate.STANDARD_21)
    return Decimal(VatRate.NL_9 if organisation.country.code == "NL" else VatRate.BE_6)


def _product(ctx: DemoContext, organisation: Organisation, spec: ProductSpec) -> Product:
    values: dict[str, object] = {}
    if spec.nutrition and ctx.rng.random() < 0.8:
        values.update(zip(NUTRIENT_FIELDS, (Decimal(v) for v in NUTRITION[spec.nutrition]), strict=True))
    if spec.tips:
        storage_nl, storage_fr, storage_en, prep_nl, prep_fr, prep_en = TIPS[spec.tips]
        values.update(
            storage_nl=storage_nl,
            storage_fr=storage_fr,
            storage_en=storage_en,
            preparation_nl=prep_nl,
            preparation_fr=prep_fr,
            preparation_en=prep_en,
        )
    return Product(
        organisation=organisation,
        name_nl=spec.nl,
        name_fr=spec.fr,
        name_en=spec.en,
        description_nl=f"{spec.nl} van {organisation.name} uit {organisation.locality}.",
        description_fr=f"{spec.fr} de {organisation.name} à {organisation.locality}.",
        description_en=f"{spec.en} from {organisation.name} in {organisation.locality}.",
        product_type=ctx.concept("product_type", spec.type_key),
        season_months=months_mask(spec.months),
        allergens=list(spec.allergens),
        **values,
    )


def products_build(ctx: DemoContext, organisations: dict[str, Organisation]) -> list[Product]:
    """3-10 products per producer or processor (as many as its specialism offers), with variants and claims."""
    made: list[tuple[Product, ProductSpec, bool]] = []
    for org_spec in ORGANISATIONS:
        if org_spec.kind not in MAKERS:
            continue
        organisation = organisations[org_spec.key]
        offer = PRODUCTS_BY_SPECIALISM[org_spec.specialism]
        most = min(len(offer), 10)
        count = ctx.rng.randint(max(3, most - 3), most)
        for index in sorted(ctx.rng.sample(range(len(offer)), count)):
            spec = offer[index]
            made.append((_product(ctx, organisation, spec), spec, org_spec.organic))
    products = Product.objects.bulk_create([product for product, _spec, _organic in made])

    variants = []
    claims = []
    organic_links = []
    organic = ctx.concept("facet", ORGANIC_FACET)
    for product, spec, is_organic in made:
        vat = _vat(product.organisation, spec)
        for number, variant in enumerate(spec.variants, start=1):
            variants.append(
                Variant(
                    product=product,
                    name=variant.name,
                    sku=f"{product.organisation.slug[:20].upper()}-{product.pk}-{number}",
                    quantity=Decimal(variant.quantity),
                    unit=ctx.concept("measure", variant.unit),
                    price=Decimal(variant.price),
                    vat_rate=vat,
                )
            )
        for claim_key in spec.claims:
            kind, text_nl, text_fr, text_en, evidence = CLAIMS[claim_key]
            claims.append(
                ProductClaim(
                    product=product, kind=kind, text_nl=text_nl, text_fr=text_fr, text_en=text_en, evidence=evidence
                )
            )
        if is_organic:
            organic_links.append(Product.labels.through(product_id=product.pk, concept_id=organic.pk))
    Variant.objects.bulk_create(variants)
    ProductClaim.objects.bulk_create(claims)
    Product.labels.through.objects.bulk_create(organic_links)
    ctx.made["variants"] = len(variants)
    ctx.made["claims"] = len(claims)
    return products
