"""The official DFC TypeScript connector (@datafoodconsortium/connector, run with Node, offline) reads our export
and finds the same names, quantities, units and prices.

Set-up: `npm ci --prefix interop/node` (done by `make test`); skipped with the reason when Node or the modules
are missing. The script refuses every remote document: the test never reaches the network.
"""

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from streek.catalog.models import ProductClaim, Variant
from streek.interop.dfc import export, ids
from streek.interop.dfc.jsonld import DFC_F, DFC_M, DFC_PT
from streek.interop.selectors.dfc import dfc_catalogue_get
from streek.interop.tests.dfc.export_data import make_producer

NODE_DIR = Path(settings.BASE_DIR) / "interop" / "node"
SCRIPT = NODE_DIR / "read_export.mjs"
CONNECTOR = NODE_DIR / "node_modules" / "@datafoodconsortium" / "connector"

KEYS = (
    "name",
    "productType",
    "quantity",
    "sku",
    "price",
    "variantOf",
    "certifications",
    "claims",
    "allergens",
    "nutrients",
)
pytestmark = [pytest.mark.django_db, pytest.mark.node]


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("SKIPPED: Node.js is not installed (apt-get install nodejs npm)")
    if not CONNECTOR.is_dir():
        pytest.skip(f"SKIPPED: the DFC connector is not installed in {NODE_DIR} (run: npm ci --prefix interop/node)")
    return node


def test_the_dfc_connector_reads_back_names_quantities_units_and_prices(tmp_path: Path) -> None:
    node = node_or_skip()
    # given a producer's catalogue exported to a file
    producer = make_producer(products=2, variants=2)
    variant = Variant.objects.filter(product__organisation=producer).order_by("pk").first()
    assert variant is not None
    variant.quantity, variant.unit_id = Decimal("0.250"), variant.unit.__class__.objects.get(key="Gram").pk
    variant.save()
    document = export.catalogue_document(dfc_catalogue_get(organisation_id=producer.pk))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    # when the connector imports it
    done = subprocess.run(  # noqa: S603 - our own script, a fixed argument list
        [node, str(SCRIPT), str(path)], capture_output=True, text=True, timeout=900, cwd=NODE_DIR, check=False
    )
    assert done.returncode == 0, done.stderr
    products = json.loads(done.stdout)["products"]
    # then it reads every variant with our name, quantity, unit, product type, price, facets, claims, allergens
    # and nutrients
    variants = Variant.objects.filter(product__organisation=producer).select_related("unit", "product")
    claims = {claim.product_id: claim.pk for claim in ProductClaim.objects.filter(product__organisation=producer)}
    gram = f"{DFC_M}Gram"
    nutrients = [
        {"dimension": f"{DFC_M}{key}", "value": value, "unit": gram}
        for key, value in (("Fat", 0.2), ("Sugars", 10.4), ("Fibre", 2.4), ("Salt", 0))
    ]
    expected = {
        ids.supplied_product_id(producer.pk, v.pk): {
            "name": f"{v.product.name_nl} - {v.name}",
            "productType": f"{DFC_PT}fruit",
            "quantity": {"value": float(v.quantity), "unit": f"{DFC_M}{v.unit.key}"},
            "sku": v.sku,
            "price": {"value": float(v.price), "vatRate": float(v.vat_rate), "unit": f"{DFC_M}Euro"},
            "variantOf": [ids.product_group_id(v.product_id)],
            "certifications": [f"{DFC_F}Organic-EU"],
            "claims": [f"{DFC_F}HighFibre", ids.product_claim_id(v.product_id, claims[v.product_id])],
            "allergens": [{"dimension": f"{DFC_M}{key}", "value": 1} for key in ("CerealsWithGluten", "Sulphites")],
            "nutrients": nutrients,
        }
        for v in variants
    }
    read = {p["id"]: {k: p[k] for k in KEYS} for p in products}
    assert read == expected
    assert read[ids.supplied_product_id(producer.pk, variant.pk)]["quantity"] == {"value": 0.25, "unit": f"{DFC_M}Gram"}
