"""Load the shipped territory data (Statbel 2025, CBS/Kadaster) into the database, idempotently.

Used by the data migration (with historical models) and by `manage.py territory_load`.
"""

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"

COUNTRIES = {
    "BE": {"name_nl": "België", "name_fr": "Belgique", "name_en": "Belgium"},
    "NL": {"name_nl": "Nederland", "name_fr": "Pays-Bas", "name_en": "Netherlands"},
}
NL_PROVINCE_FR = {
    "Fryslân": "Frise",
    "Noord-Brabant": "Brabant-Septentrional",
    "Noord-Holland": "Hollande-Septentrionale",
    "Zuid-Holland": "Hollande-Méridionale",
    "Zeeland": "Zélande",
    "Gueldre": "Gueldre",
    "Gelderland": "Gueldre",
    "Limburg": "Limbourg",
    "Groningen": "Groningue",
    "Drenthe": "Drenthe",
    "Overijssel": "Overijssel",
    "Flevoland": "Flevoland",
    "Utrecht": "Utrecht",
}
# Points the source lacks, set by hand to the village centre (documented in NOTICE).
MISSING_POINTS = {"73028": (50.7268, 5.4266, "manual: Herstappe village centre")}

ModelGetter = Callable[[str], Any]


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model: Any, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    obj, _created = model.objects.update_or_create(defaults=values, **lookup)
    return obj


def load_territory(get_model: ModelGetter) -> dict[str, int]:
    """Create or update every country, region, province, municipality, postal code and merger."""
    country_model = get_model("Country")
    region_model = get_model("AdminRegion")
    province_model = get_model("Province")
    municipality_model = get_model("Municipality")
    postal_model = get_model("PostalCode")
    fusion_model = get_model("MunicipalityFusion")

    countries = {code: _upsert(country_model, {"code": code}, names) for code, names in COUNTRIES.items()}
    be, nl = countries["BE"], countries["NL"]

    regions: dict[str, Any] = {}
    provinces: dict[str, Any] = {}
    municipalities: dict[str, Any] = {}
    used_slugs: set[str] = set()

    def unique_slug(text: str, code: str) -> str:
        slug = slugify(text) or code.lower()
        if slug in used_slugs:
            slug = f"{slug}-{code.lower()}"
        used_slugs.add(slug)
        return slug

    for row in _read("be_municipalities_2025.csv"):
        region_code = row["region_nis"]
        if region_code not in regions:
            regions[region_code] = _upsert(
                region_model,
                {"code": region_code},
                {"country": be, "name_nl": row["region_nl"], "name_fr": row["region_fr"]},
            )
        province = None
        if row["province_nis"] and row["province_nl"]:  # Brussels has no province
            province = provinces.get(row["province_nis"])
            if province is None:
                province = provinces[row["province_nis"]] = _upsert(
                    province_model,
                    {"code": row["province_nis"]},
                    {
                        "country": be,
                        "region": regions[region_code],
                        "name_nl": row["province_nl"],
                        "name_fr": row["province_fr"],
                    },
                )
        lat, lon, source = row["lat"], row["lon"], row["point_source"]
        if not lat and row["nis_code"] in MISSING_POINTS:
            lat_f, lon_f, source = MISSING_POINTS[row["nis_code"]]
            lat, lon = str(lat_f), str(lon_f)
        municipalities[row["nis_code"]] = _upsert(
            municipality_model,
            {"code": row["nis_code"]},
            {
                "slug": unique_slug(row["name_nl"], row["nis_code"]),
                "country": be,
                "region": regions[region_code],
                "province": province,
                "name_nl": row["name_nl"],
                "name_fr": row["name_fr"],
                "lat": float(lat) if lat else None,
                "lon": float(lon) if lon else None,
                "point_source": source[:120],
            },
        )

    for row in _read("nl_municipalities.csv"):
        province_code = f"PV{row['province_code']}"
        province = provinces.get(province_code)
        if province is None:
            province = provinces[province_code] = _upsert(
                province_model,
                {"code": province_code},
                {
                    "country": nl,
                    "region": None,
                    "name_nl": row["province"],
                    "name_fr": NL_PROVINCE_FR.get(row["province"], row["province"]),
                },
            )
        municipalities[row["cbs_code"]] = _upsert(
            municipality_model,
            {"code": row["cbs_code"]},
            {
                "slug": unique_slug(row["name"], row["cbs_code"]),
                "country": nl,
                "region": None,
                "province": province,
                "name_nl": row["name"],
                "name_fr": row["name"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "point_source": "cbs/kadaster centre of mass",
            },
        )

    existing_postal = set(postal_model.objects.values_list("country_id", "code", "municipality_id"))
    new_postal = []
    for row in _read("be_postal_codes_2025.csv"):
        municipality = municipalities[row["nis_code"]]
        key = (be.pk, row["postal_code"], municipality.pk)
        if key not in existing_postal:
            existing_postal.add(key)
            new_postal.append(postal_model(country=be, code=row["postal_code"], municipality=municipality))
    postal_model.objects.bulk_create(new_postal, batch_size=500)

    for row in _read("be_fusions_2025.csv"):
        _upsert(
            fusion_model,
            {"old_code": row["old_nis"], "effective": date.fromisoformat(row["effective"])},
            {"old_name": row["old_name"], "municipality": municipalities[row["new_nis"]]},
        )

    return {
        "countries": len(countries),
        "regions": len(regions),
        "provinces": len(provinces),
        "municipalities": len(municipalities),
        "postal_codes": postal_model.objects.count(),
    }
