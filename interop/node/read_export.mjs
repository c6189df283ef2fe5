// Reads a DFC export of Streek with the official DFC TypeScript connector, offline, and prints what it understood.
//
//   node read_export.mjs <export.json> [--data <dir with measures.json, facets.json, productTypes.json>]
//                                      [--context <context_1.16.0.json>]
//
// The taxonomies come from local JSON files (default: streek/catalog/data) and the JSON-LD context from the file
// shipped in streek/interop/data/dfc; any other remote document is refused and nothing is fetched from the network.
// Prints {"products": [{id, name, description, productType, quantity: {value, unit}, sku, price: {value, vatRate,
// unit}, variantOf, certifications, claims, allergens: [{dimension, value}], nutrients: [{dimension, value, unit}]}]}
// for every SuppliedProduct that has a quantity (a variant), in document order.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { Connector, ConnectorImporterJsonldStream } from "@datafoodconsortium/connector";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? resolve(process.argv[index + 1]) : fallback;
}

const exportFile = process.argv[2];
if (!exportFile || exportFile.startsWith("--")) {
  console.error("usage: node read_export.mjs <export.json> [--data DIR] [--context FILE]");
  process.exit(2);
}
const dataDir = option("--data", join(repo, "streek", "catalog", "data"));
const contextFile = option("--context", join(repo, "streek", "interop", "data", "dfc", "context_1.16.0.json"));
const context = JSON.parse(readFileSync(contextFile, "utf-8"));

// Every URL under which the DFC 1.16 context is published or written by OFN and the connectors.
const CONTEXT_URLS = new Set(
  [
    "w3id.org/dfc/ontology/context/context_1.16.0.json",
    "www.datafoodconsortium.org",
    "www.datafoodconsortium.org/wp-content/plugins/wordpress-context-jsonld/context_1.16.0.jsonld",
  ].flatMap((base) => ["https", "http"].flatMap((scheme) => [`${scheme}://${base}`, `${scheme}://${base}/`])),
);

class OfflineDocumentLoader {
  async load(url) {
    if (CONTEXT_URLS.has(url)) return context;
    throw new Error(`offline: refusing to fetch ${url}`);
  }
}

const connector = new Connector();
connector.setDefaultImporter(
  new ConnectorImporterJsonldStream({ context: context["@context"], documentLoader: new OfflineDocumentLoader() }),
);
connector.setDefaultFetchFunction(async (semanticId) => {
  throw new Error(`offline: refusing to fetch ${semanticId}`);
});

const readJson = (name) => readFileSync(join(dataDir, name), "utf-8"); // the connector parses the text itself
const timings = {};
for (const [name, load] of [
  ["measures.json", (text) => connector.loadMeasures(text)],
  ["facets.json", (text) => connector.loadFacets(text)],
  ["productTypes.json", (text) => connector.loadProductTypes(text)],
]) {
  const started = Date.now();
  await load(readJson(name));
  timings[name] = Date.now() - started;
}
if (process.env.DFC_TIMINGS) console.error(JSON.stringify(timings));

const SUPPLIED_PRODUCT = "dfc-b:SuppliedProduct";
const CATALOG_ITEM = "dfc-b:CatalogItem";
const objects = await connector.import(readFileSync(exportFile, "utf-8"));

const isType = (object, type) => object.isSemanticTypeOf(type);
const catalogItems = objects.filter((o) => isType(o, CATALOG_ITEM));

const products = [];
for (const product of objects.filter((o) => isType(o, SUPPLIED_PRODUCT))) {
  let quantity;
  try {
    quantity = product.getQuantity();
  } catch {
    quantity = undefined; // the connector throws on a product without dfc-b:hasQuantity
  }
  if (!quantity) continue; // a product group (OFN's shape): its variants carry the quantities
  const unit = await quantity.getQuantityUnit();
  const type = await product.getProductType();
  const parents = await product.getIsVariantOf();
  let item = (await product.getCatalogItems())[0];
  if (!item) {
    for (const candidate of catalogItems) {
      const offered = await candidate.getOfferedProduct();
      if (offered && offered.getSemanticId() === product.getSemanticId()) item = candidate;
    }
  }
  let price = null;
  if (item) {
    const offer = (await item.getOfferers())[0];
    const found = offer ? offer.getPrice() : undefined;
    if (found) {
      const currency = await found.getQuantityUnit();
      price = {
        value: found.getQuantityValue(),
        vatRate: found.getVatRate(),
        unit: currency ? currency.getSemanticId() : null,
      };
    }
  }
  const certifications = (await product.getCertifications()).map((concept) => concept.getSemanticId());
  const claims = (await product.getClaims()).map((concept) => concept.getSemanticId());
  const characteristic = async (found, withUnit) => {
    const dimension = await found.getQuantityDimension();
    const unit = withUnit ? await found.getQuantityUnit() : undefined;
    const read = { dimension: dimension ? dimension.getSemanticId() : null, value: Number(found.getQuantityValue()) };
    if (withUnit) read.unit = unit ? unit.getSemanticId() : null;
    return read;
  };
  const allergens = [];
  for (const found of await product.getAllergenCharacteristics()) allergens.push(await characteristic(found, false));
  const nutrients = [];
  for (const found of await product.getNutrientCharacteristics()) nutrients.push(await characteristic(found, true));
  products.push({
    id: product.getSemanticId(),
    name: product.getName() ?? null,
    description: product.getDescription() ?? null,
    productType: type ? type.getSemanticId() : null,
    quantity: { value: quantity.getQuantityValue(), unit: unit ? unit.getSemanticId() : null },
    sku: item ? (item.getSku() ?? null) : null,
    price,
    variantOf: parents.map((parent) => parent.getSemanticId()),
    certifications,
    claims,
    allergens,
    nutrients,
  });
}

process.stdout.write(`${JSON.stringify({ products }, null, 1)}\n`);
