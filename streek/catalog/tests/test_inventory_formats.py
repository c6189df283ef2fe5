import json

import pytest

from streek.catalog.inventory_formats import (
    COLUMNS,
    FileFormatError,
    csv_chunks,
    decode_upload,
    geojson_chunks,
    osm_columns,
    osm_type,
    parse_bool,
    read_csv,
    read_geojson,
)


def test_semicolon_header_and_row_numbers_as_in_the_file() -> None:
    table = read_csv("\ufeffName;Type;Onbekend\nA;farm_shop;x\n\n;;\nB;csa;y\n")

    assert table.columns == ["name", "type"]
    assert table.ignored_columns == ["onbekend"]
    assert table.total == 2
    assert list(table.rows) == [(2, {"name": "A", "type": "farm_shop"}), (5, {"name": "B", "type": "csa"})]


def test_utf8_with_or_without_bom_and_nothing_else() -> None:
    assert decode_upload("\ufeffnaam".encode()) == "naam"
    assert decode_upload("één".encode()) == "één"
    with pytest.raises(FileFormatError):
        decode_upload("één".encode("latin-1"))


def test_geojson_features_with_point_and_polygon_and_osm_id() -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "way/7",
                "geometry": {"type": "Polygon", "coordinates": [[[5, 50], [5.2, 50], [5.2, 50.2], [5, 50.2]]]},
                "properties": {"name": "Hoeve", "cooled": True, "categories": ["egg", "fruit"]},
            },
        ],
    }

    table = read_geojson(json.dumps(document))

    ((number, row),) = list(table.rows)
    assert number == 1
    assert (float(row["lat"]), float(row["lon"])) == pytest.approx((50.1, 5.1))
    assert (row["cooled"], row["categories"], row["@id"]) == ("yes", "egg|fruit", "way/7")


def test_geojson_must_be_a_feature_collection() -> None:
    with pytest.raises(FileFormatError):
        read_geojson('{"type": "Feature"}')
    with pytest.raises(FileFormatError):
        read_geojson("{nope")


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"shop": "farm"}, "farm_shop"),
        ({"amenity": "vending_machine", "vending": "milk"}, "vending_machine"),
        ({"amenity": "vending_machine", "vending": "cigarettes"}, ""),
        ({"amenity": "marketplace"}, "farmers_market"),
        ({"shop": "greengrocer", "farm": "yes"}, "farm_shop"),
        ({"shop": "greengrocer"}, ""),
        ({"shop": "farm", "payment:honesty_box": "yes"}, "honesty_stall"),
        ({"pick_your_own": "yes"}, "self_harvest"),
    ],
)
def test_openstreetmap_tags(tags: dict[str, str], expected: str) -> None:
    assert osm_type(tags) == expected


def test_osm_keys_fill_empty_columns_and_unknown_tags_stay_visible() -> None:
    row = osm_columns({"name": "X", "shop": "supermarket", "addr:street": "Markt", "addr:housenumber": "3"})

    assert row["type"] == "shop=supermarket"
    assert row["street"] == "Markt 3"
    assert osm_columns({"type": "amenity=vending_machine;vending=eggs"})["type"] == "vending_machine"


def test_yes_and_no_in_three_languages() -> None:
    assert [parse_bool(v) for v in ("ja", "oui", "TRUE", "1", "nee", "non", "0", "", "misschien")] == [
        True, True, True, True, False, False, False, False, None,
    ]  # fmt: skip


def test_writers() -> None:
    row = {column: "" for column in COLUMNS} | {
        "name": "A, B",
        "lat": 50.5,
        "lon": 5.25,
        "categories": ["egg"],
        "labels": [],
        "payment_methods": ["cash", "card"],
        "cooled": True,
        "position_exact": False,
    }

    text = "".join(csv_chunks([row]))
    document = json.loads("".join(geojson_chunks([row, row], metadata={"count": 2})))

    assert text.splitlines()[1].startswith(',"A, B",')
    assert ",50.5,5.25,no," in text and ",egg,,cash|card,yes," in text
    assert document["count"] == 2 and len(document["features"]) == 2
    assert document["features"][0]["properties"]["cooled"] is True
