"""Build vanban/data/places.json (provinces and districts of Việt Nam, before and after
2025) and vanban/data/communes.txt (the names of their communes and wards).

Directives in archives name the 63 provinces and ~700 districts that existed
until mid-2025; new ones name the 34 provinces. The `vietnam-provinces`
package carries both lists in different releases (0.6.0 for the old units,
2025.x for the new), so this script downloads both wheels from PyPI into a
temporary folder and keeps only names and kinds (of communes and wards, only
the names: the diacritic restorer reads them as units of place names). Administrative unit names
are public facts; the output is committed so nothing is fetched at run time.

    python scripts/build_gazetteer.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "vanban" / "data" / "places.json"
COMMUNES = OUTPUT.with_name("communes.txt")
PREFIXES = ["Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Thị Xã "]
COMMUNE_PREFIXES = ["Phường ", "Xã ", "Thị trấn ", "Thị Trấn ", "Đặc khu "]


def _wheel_divisions(version: str, workdir: Path) -> list[dict]:
    target = workdir / version
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps",
         f"vietnam-provinces=={version}", "-d", str(target)],
        check=True,
    )
    wheel = next(target.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read("vietnam_provinces/data/nested-divisions.json"))


def _split(full: str) -> tuple[str, str]:
    for prefix in PREFIXES:
        if full.startswith(prefix):
            return prefix.strip().lower(), full[len(prefix):]
    return "", full


# Names archives still use that neither release lists: Thừa Thiên Huế became the
# centrally run city of Huế in January 2025, and 0.6.0 already carries the new name.
FORMER_PROVINCES = {"Thừa Thiên Huế": "tỉnh"}


def _commune_name(full: str) -> str | None:
    """"Phường Cự Khối" → "Cự Khối"; None for a numbered ward ("Phường 2")."""
    name = full.strip()
    for prefix in COMMUNE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):].strip()
            break
    return None if any(c.isdigit() for c in name) else name


def main() -> None:
    provinces: dict[str, str] = dict(FORMER_PROVINCES)
    districts: dict[tuple[str, str], str] = {}
    communes: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for version in ("0.6.0", "2025.10.1"):
            for province in _wheel_divisions(version, Path(tmp)):
                kind, name = _split(province["name"])
                provinces.setdefault(name, "thành phố" if kind == "thành phố" else "tỉnh")
                # 0.6.0 nests wards in districts, 2025.x in provinces
                wards = list(province.get("wards", []))
                for district in province.get("districts", []):
                    dkind, dname = _split(district["name"])
                    districts.setdefault((dname, name), dkind or "huyện")
                    wards.extend(district.get("wards", []))
                communes.update(n for w in wards if (n := _commune_name(w["name"])))
    data = {
        "provinces": [{"name": n, "kind": k} for n, k in sorted(provinces.items())],
        "districts": [
            {"name": n, "kind": k, "province": p} for (n, p), k in sorted(districts.items())
        ],
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    lines = ",\n".join(
        f'"{key}": [\n' + ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries) + "\n]"
        for key, entries in data.items()
    )
    OUTPUT.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    COMMUNES.write_text(
        "# Names of the communes and wards of Việt Nam, before and after 2025, without their\n"
        "# kind (scripts/build_gazetteer.py, from vietnam-provinces 0.6.0 and 2025.10.1)\n"
        + "".join(f"{n}\n" for n in sorted(communes)),
        encoding="utf-8",
    )
    print(f"{OUTPUT}: {len(provinces)} provinces, {len(districts)} districts;"
          f" {COMMUNES.name}: {len(communes)} names")


if __name__ == "__main__":
    main()
