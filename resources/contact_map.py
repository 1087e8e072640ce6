"""The contact directory's map: Sweden's 21 counties as simplified polygons of our own.

No tile server, no external script and no downloaded boundary data: the
counties are hand-simplified outlines through approximate coordinates
(longitude, latitude) that neighbouring counties share
(``contact_map_data/sweden.json``), projected onto a plain grid. A county
is drawn under the key its Region would have; regions that are not
counties (national services, partner countries) are listed beside the map,
and the partner cities abroad sit in a labelled inset.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from resources.models.taxonomy import enclosing_region_ids

# The region whose organisations serve all of Sweden.
NATIONAL_REGION = "national"

# The outlines: shared boundary points and each county's outline through them.
GEOMETRY = json.loads(
    (Path(__file__).parent / "contact_map_data" / "sweden.json").read_text("utf-8")
)

# Partner cities abroad, drawn in the inset, each with the region of its country.
CITIES = (
    ("riga", "Rīga", "latvia", (345, 545)),
    ("rome", "Roma", "italy", (272, 600)),
    ("lecce", "Lecce", "italy", (345, 625)),
    ("athens", "Athína", "greece", (385, 665)),
)
INSET = (250, 500, 225, 190)  # x, y, width, height of the inset box
VIEWBOX = "0 0 480 745"


def project(lon, lat):
    """A plain equirectangular grid, squeezed in x as Sweden's latitude asks."""
    return round((lon - 10.8) * 26, 1), round((69.3 - lat) * 52, 1)


def _outline(spec):
    """Names of shared points, or the island's own points, projected."""
    points = GEOMETRY["points"]
    return [project(*(points[p] if isinstance(p, str) else p)) for p in spec]


def _path(outlines):
    return " ".join("M" + " L".join(f"{x},{y}" for x, y in outline) + " Z" for outline in outlines)


def _centre(outline):
    xs, ys = zip(*outline, strict=True)
    # Strings: templates would print floats with the visitor's decimal comma.
    return f"{sum(xs) / len(xs):.1f}", f"{sum(ys) / len(ys):.1f}"


@dataclass
class MapRegion:
    key: str
    name: str
    path: str
    label_x: str
    label_y: str
    region: object = None  # the Region, when the portal has one for this county
    count: int = 0
    open_24h: int = 0


def region_counts(organisations, regions):
    """``{region key: (organisations, of which open 24/7)}`` of the organisations covering it.

    An organisation covers the regions it is listed in and every region
    within them (a national service counts in every county), as
    ``OrganisationPage.objects.covering`` decides for the directory's filter.
    ``organisations`` is already limited to what the visitor may see;
    ``regions`` are all the regions. One query, whatever their number.
    """
    keys = {region.pk: region.key for region in regions}
    listed = defaultdict(set)
    open_24h = {}
    for pk, is_open, region_id in organisations.order_by().values_list(
        "pk", "open_24h", "regions__id"
    ):
        open_24h[pk] = is_open
        if region_id is not None:
            listed[pk].add(region_id)
    counts = {}
    for region_id, key in keys.items():
        enclosing = set(enclosing_region_ids(region_id, among=regions))
        covering = [pk for pk, regions in listed.items() if regions & enclosing]
        if covering:
            counts[key] = (len(covering), sum(1 for pk in covering if open_24h[pk]))
    return counts


def counties(regions, counts):
    """Every drawn county with its Region (if any) and counts, north to south."""
    by_key = {region.key: region for region in regions}
    drawn = []
    for county in GEOMETRY["counties"]:
        key, name = county["key"], county["name"]
        outlines = [_outline(spec) for spec in county["outlines"]]
        x, y = _centre(outlines[0])
        region = by_key.get(key)
        total, open_24h = counts.get(key, (0, 0))
        drawn.append(
            MapRegion(
                key, region.name if region else name, _path(outlines), x, y, region, total, open_24h
            )
        )
    return drawn


def contact_map(regions, organisations):
    """What the directory's map and its list show, for the visible ``organisations``."""
    regions = list(regions)
    counts = region_counts(organisations, regions)
    drawn = counties(regions, counts)
    drawn_keys = {county.key for county in drawn}
    listed = [
        {"region": region, "count": counts.get(region.key, (0, 0))[0],
         "open_24h": counts.get(region.key, (0, 0))[1],
         "drawn": region.key in drawn_keys, "national": region.key == NATIONAL_REGION}
        for region in regions
    ]  # fmt: skip
    by_key = {region.key: region for region in regions}
    cities = [
        {"key": key, "name": name, "region": by_key.get(region), "x": x, "y": y,
         "count": counts.get(region, (0, 0))[0]}
        for key, name, region, (x, y) in CITIES
    ]  # fmt: skip
    national = counts.get(NATIONAL_REGION, (0, 0))
    return {
        "counties": drawn,
        "listed": listed,
        "cities": cities,
        "inset": dict(zip(("x", "y", "width", "height"), INSET, strict=True)),
        "viewbox": VIEWBOX,
        "national": {"region": by_key.get(NATIONAL_REGION), "count": national[0],
                     "open_24h": national[1]},
    }  # fmt: skip
