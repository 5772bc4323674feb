"""Vendors the country shapes of the map from an unpacked ``world-atlas`` npm package.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/vendor_world_atlas.py package/

Copies ``countries-110m.json`` as it is into ``cooperation/data/`` and writes the table from the
file's ISO 3166-1 numeric ids to alpha-2 codes, read from Debian's ``iso-codes`` package
(``/usr/share/iso-codes/json/iso_3166-1.json``), so the portal needs neither at run time.
"""

import argparse
import json
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "cooperation" / "data"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
SHAPES = "countries-110m.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("--iso-codes", type=Path, default=ISO_CODES)
    args = parser.parse_args()

    shutil.copyfile(args.package / SHAPES, DATA / SHAPES)
    topology = json.loads((DATA / SHAPES).read_text())
    numeric_ids = {
        geometry["id"]
        for geometry in topology["objects"]["countries"]["geometries"]
        if "id" in geometry
    }
    countries = json.loads(args.iso_codes.read_text())["3166-1"]
    alpha2 = {c["numeric"]: c["alpha_2"] for c in countries if c["numeric"] in numeric_ids}
    missing = sorted(numeric_ids - alpha2.keys())
    if missing:
        raise SystemExit(f"no alpha-2 code for the numeric ids {missing}")
    table = json.dumps(dict(sorted(alpha2.items())), separators=(",", ":"))
    (DATA / "country_codes.json").write_text(table + "\n")
    print(f"{SHAPES}: {len(numeric_ids)} countries with an ISO code")


if __name__ == "__main__":
    main()
