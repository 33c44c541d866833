"""Place names from the gazetteer (vanban/data/places.json, built by scripts/build_gazetteer.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from vanban.folding import fold_ocr
from vanban.normalize.text import names_may_be_damaged

_LEVEL_PREFIX = re.compile(
    r"^(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|tx\.?|xa|phuong|thi tran|dac khu)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # tỉnh | thành phố | huyện | quận | thị xã
    province: str | None = None  # for districts

    @property
    def is_province(self) -> bool:
        return self.province is None


@cache
def _gazetteer() -> tuple[list[Place], dict[str, list[Place]], list[str]]:
    raw = json.loads(resources.files("vanban.data").joinpath("places.json").read_text("utf-8"))
    places = [Place(p["name"], p["kind"]) for p in raw["provinces"]]
    places += [Place(d["name"], d["kind"], d["province"]) for d in raw["districts"]
               if not d["name"].isdigit()]
    by_fold: dict[str, list[Place]] = {}
    for place in places:
        by_fold.setdefault(fold_ocr(place.name), []).append(place)
    return places, by_fold, list(by_fold)


def all_places() -> list[Place]:
    return _gazetteer()[0]


def place_prefix(raw: str) -> str:
    """The level word written before a place name ("TP. ", "Thành phố "), as written."""
    m = _LEVEL_PREFIX.match(fold_ocr(raw))
    return raw[: m.end()] if m else ""


def match_place(raw: str, *, prefer_province: bool = True, cutoff: float = 80) -> Place | None:
    """The gazetteer entry a written place name means ("Quang Trj" → Quảng Trị)."""
    key = _LEVEL_PREFIX.sub("", fold_ocr(raw).strip(" ,.;:")).strip()
    key = re.sub(r"\s+", " ", key)
    if len(key) < 2:
        return None
    _, by_fold, keys = _gazetteer()
    candidates = by_fold.get(key)
    if not candidates:
        if not names_may_be_damaged():  # a place the gazetteer lacks (a commune)
            return None
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        candidates = by_fold[best[0]]
    if prefer_province:
        return next((p for p in candidates if p.is_province), candidates[0])
    return next((p for p in candidates if not p.is_province), candidates[0])
