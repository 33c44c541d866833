"""Signer titles in their usual spelling: "PHÓ CHỦ TỊCH" / "Pho Chu tich" → "Phó Chủ tịch"."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from vanban.folding import fold_ocr

TITLES = [
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Chánh Văn phòng",
    "Phó Chánh Văn phòng", "Trưởng phòng", "Phó Trưởng phòng", "Trưởng ban", "Phó Trưởng ban",
    "Chánh Thanh tra", "Phó Chánh Thanh tra", "Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng",
    "Phó Chi cục trưởng", "Bí thư", "Phó Bí thư", "Thủ trưởng", "Bộ trưởng", "Thứ trưởng",
    "Thủ tướng", "Phó Thủ tướng", "Hiệu trưởng", "Phó Hiệu trưởng", "Tổng Giám đốc",
    "Phó Tổng Giám đốc",
    "Ủy viên", "Ủy ban nhân dân", "Hội đồng nhân dân",
    # the Government Office's head, working groups and teams, central departments
    "Chủ nhiệm", "Phó Chủ nhiệm", "Tổ trưởng", "Phó Tổ trưởng", "Phó Tổ trưởng Thường trực",
    "Trưởng đoàn", "Phó Trưởng đoàn", "Vụ trưởng", "Phó Vụ trưởng", "Viện trưởng",
    "Phó Viện trưởng", "Chánh án", "Phó Chánh án", "Tổng Cục trưởng", "Phó Tổng Cục trưởng",
    # armed forces and police
    "Chỉ huy trưởng", "Phó Chỉ huy trưởng", "Chính ủy", "Phó Chính ủy", "Tư lệnh",
    "Phó Tư lệnh", "Trưởng Công an", "Phó Trưởng Công an",
]
_BY_FOLD = {fold_ocr(t): t for t in TITLES}


def canonical_title(raw: str) -> str | None:
    """The title a written one means, tolerating OCR damage ("PHÓ GIAM POC")."""
    key = re.sub(r"\s+", " ", fold_ocr(raw)).strip(" .:*_")
    if key in _BY_FOLD:
        return _BY_FOLD[key]
    best = process.extractOne(key, list(_BY_FOLD), scorer=fuzz.ratio, score_cutoff=80)
    return _BY_FOLD[best[0]] if best else None
