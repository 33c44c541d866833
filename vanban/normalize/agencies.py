"""Agency names to their canonical spelling: "S& Noi vu", "So Noi vu", "Sở Nội vụ" → "Sở Nội vụ".

A written name is first cleaned (bullets, titles such as "Thủ trưởng" or
"Giám đốc" in front of the body they head), then matched on its folded form
against the table in vanban/data/agencies.txt (with every level word: tỉnh,
huyện, ...), then, failing that, respelled word by word from the
administrative lexicon and the gazetteer.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from vanban import user_cache
from vanban.folding import fold_ocr, strip_diacritics
from vanban.normalize.lexicon import PhraseLexicon
from vanban.normalize.name_index import NameIndex
from vanban.normalize.places import all_places
from vanban.normalize.syllables import looks_like_syllable
from vanban.normalize.text import (
    canonical_spelling,
    capitalize_first,
    collapse_spaces,
    names_state,
    typed_as_written,
)

LEVELS = [
    "tỉnh", "huyện", "thành phố", "thị xã", "quận", "xã", "phường", "thị trấn", "đặc khu"
]
_LEVEL_KEYS = {"tinh": "tỉnh", "huyen": "huyện"}
_SHORT_FORMS = [("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"), ("van phong", "vp"),
                ("thanh pho", "tp"), ("thi xa", "tx"), ("bo chi huy", "bch"),
                ("bo doi bien phong", "bdbp"), ("chi huy quan su", "chqs"),
                ("kiem sat nhan dan", "ksnd"), ("toa an nhan dan", "tand")]

# Titles that stand for the body they head: "Giám đốc Sở Nội vụ" tasks the Sở.
# Titles before a body's name, as typed or as an OCR model read them ("Gidm doc",
# "Thu trwdng", "Thu trong"); alone, "tr[uw][a-z]ng" is "trưởng" but never "trung".
_TRUONG = r"tr[uw][a-z]ng"
# "Trường THPT chuyên ...": a school, which folds as the title "Trưởng" does
_SCHOOL = r"(?:thpt|thcs|tieu hoc|mam non|trung hoc|pho thong|ptdt|cao dang|dai hoc|chinh tri)\b"
# No "^": always used with `match`, which also anchors at a `pos` (no copy of the rest)
TITLE_PREFIX = re.compile(
    rf"(?:(?:pho )?(?:th[a-z]{{1,2}} tr[a-z]{{1,3}}ng|tong gi[a-z]{{1,2}}m [dbp][a-z]{{1,2}}c|"
    # ("Chánh án Tòa án ...": the court's head, before "chanh" of "Chánh Văn phòng")
    rf"gi[a-z]{{1,2}}m [dbp][a-z]{{1,2}}c|chanh an|chanh|ch[a-z]{{1,2}} t[a-z]{{1,2}}ch|"
    rf"hieu {_TRUONG}|"
    rf"vien {_TRUONG}|chi huy tr[a-z]{{1,3}}ng|tong bien tap|{_TRUONG}(?!\s+{_SCHOOL})|"
    rf"cuc {_TRUONG}|"
    rf"chi cuc {_TRUONG}|bo {_TRUONG}|ban giam doc|lanh dao|"
    r"thuong truc|dong chi|ong|ba)\s+)+(?=\S)"
)
_VILLAGES = re.compile(r"(?:cac\s+)?(?:thon|to dan pho|khu pho|ap|buon|khom)\b")
_REQUEST_PREFIX = re.compile(r"^(?:[dbp]e nghi|giao cho|giao|yeu cau)\s+")
# One character a step: "(?:[...]+|...)+" could split a run of punctuation in 2^n ways.
# (a lone letter an OCR left at the end; not a region's numeral: "khu vực X")
_TRAILING_JUNK = re.compile(r"(?:[\s,.;:•·*'\"’`)(\[\]_~^-]|(?<!vực)(?<!vuc)\s[^\W\d]\b)+$")
_LEADING_JUNK = re.compile(r"^[\s\-+•·*–—.;:,)(]+")


def as_written(text: str) -> str:
    """A name in its canonical spelling, words as written; a leading "UBND" spelled out."""
    text = re.sub(r"^(?:UBND|Ubnd)\b", "Ủy ban nhân dân", text)
    return capitalize_first(canonical_spelling(text))


def spelling_of(text: str, table_name: str) -> str:
    """The table's name for a fuzzy match, or the name as written when it was typed whole.

    A name typed in capitals (a header's "BAN QUẢN LÝ CÁC KCN") says nothing of its case:
    the table spells it."""
    return as_written(text) if typed_as_written() and not _in_capitals(text) else table_name


def _in_capitals(text: str) -> bool:
    """Its first two words in capitals (what follows may be an abbreviation spelled out)."""
    words = [w for w in text.split()[:2] if sum(c.isalpha() for c in w) >= 2]
    return bool(words) and all(w.isupper() for w in words)


def _table_lines(name: str) -> list[str]:
    text = resources.files("vanban.data").joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _canonical_names() -> dict[str, str]:
    """Folded name → canonical name, with each "... tỉnh" entry at every level (from the
    command line's cache, `user_cache`, where it is)."""
    return user_cache.cached("canonical-names", _build_canonical_names)


def _build_canonical_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in _table_lines("agencies.txt"):
        variants = [entry]
        level = next((lv for lv in LEVELS[:2] if entry.endswith(f" {lv}")), None)
        # "Thanh tra huyện" is also "Thanh tra thị xã"; a group of units keeps its level
        if level is not None and " các " not in entry and not entry.startswith("Các "):
            stem = entry[: -len(level) - 1]
            variants += [stem] + [f"{stem} {other}" for other in LEVELS]
        for variant in variants:
            # and as written short, in every combination: "UBND ...", "VP HĐND và UBND TP"
            keys = {fold_ocr(variant)}
            written = next(iter(keys))
            for full, abbreviation in _SHORT_FORMS:
                # only the forms whose words are there (an abbreviation put in for one
                # makes no other's words): 10,000 substitutions fewer at start-up
                if full in written:
                    keys |= {re.sub(rf"\b{full}\b", abbreviation, key) for key in keys}
            for key in sorted(keys, key=len, reverse=True):
                names.setdefault(key, variant)
    return names


@cache
def name_index() -> NameIndex:
    """The folded names of the table, for fuzzy lookups that score only likely names."""
    return NameIndex(list(_canonical_names()))


@cache
def name_lexicon() -> PhraseLexicon:
    # 0.017 s of every run's first document: a run of the command line reads it from its
    # cache (`user_cache`)
    return user_cache.cached("name-lexicon", _build_name_lexicon, encode=PhraseLexicon.parts,
                             decode=PhraseLexicon.from_parts)


def _build_name_lexicon() -> PhraseLexicon:
    agencies = _table_lines("agencies.txt")
    phrases = _table_lines("admin_words.txt") + agencies
    phrases += [place.name for place in all_places()]
    return PhraseLexicon(phrases + _name_terms(agencies))


_NAME_PARTS = re.compile(r"[,;()]|\s[-–]\s")


def _name_terms(names: list[str]) -> list[str]:
    """Runs of 2-3 words inside known names that read one way only ("Quản lý", "đất đai"),
    so that a name no table knows is still spelled from the words it shares with them.
    A run read one way in two cases ("Quản lý", "quản lý") still reads one way: the
    lexicon spells it in the text's case (left out, "Ban Quản lý dự án" had read "Quận")."""
    spellings: dict[str, set[str]] = {}
    keys: dict[str, str] = {}  # half the runs recur ("Ủy ban nhân"): each folded once
    for name in names:
        # a run stays inside a part of the name: "Văn hóa, Thể thao" has no "văn hóa thể",
        # which would spell "Văn hóa thế giới" so
        for part in _NAME_PARTS.split(name):
            words = re.findall(r"[^\W\d_]+", part)
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    term = " ".join(words[i : i + n])
                    key = keys.get(term)
                    if key is None:
                        key = keys[term] = fold_ocr(term).lower()
                    spellings.setdefault(key, set()).add(term.lower())
    return [next(iter(terms)) for terms in spellings.values() if len(terms) == 1]


def clean_agency_text(raw: str) -> str:
    """A written name without bullets, trailing punctuation or notes like "(b/c)"."""
    text = collapse_spaces(raw.replace("\n", " "))
    text = re.sub(r"\((?:b/c|đ/b|để b/c|de b/c|t/h|để t/h|de t/h|p/h)\)", "", text, flags=re.I)
    text = text.replace("**", "")
    text = _LEADING_JUNK.sub("", text)
    return _TRAILING_JUNK.sub("", text)


# Abbreviations written inside agency names, by their bare upper-case spelling: records
# spell names out ("Sở GD&ĐT" is "Sở Giáo dục và Đào tạo").
_ABBREVIATIONS = {
    "GD&DT": "Giáo dục và Đào tạo", "GDDT": "Giáo dục và Đào tạo",
    "TN&MT": "Tài nguyên và Môi trường", "TNMT": "Tài nguyên và Môi trường",
    "KH&DT": "Kế hoạch và Đầu tư", "KHDT": "Kế hoạch và Đầu tư",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&MT": "Nông nghiệp và Môi trường", "LD-TB&XH": "Lao động - Thương binh và Xã hội",
    "LDTBXH": "Lao động - Thương binh và Xã hội", "TT&TT": "Thông tin và Truyền thông",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch", "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "KH&CN": "Khoa học và Công nghệ", "KHCN": "Khoa học và Công nghệ",
    "GTVT": "Giao thông vận tải", "CNTT": "công nghệ thông tin", "KCN": "khu công nghiệp",
    "CNTT&TT": "Công nghệ thông tin và Truyền thông",
    "TW": "Trung ương",
    "TC-KH": "Tài chính - Kế hoạch", "TCKH": "Tài chính - Kế hoạch",
    "KT&HT": "Kinh tế và Hạ tầng", "VH&TT": "Văn hóa và Thông tin",
    "THPT": "trung học phổ thông", "THCS": "trung học cơ sở", "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc", "TNCS": "Thanh niên Cộng sản",
    "NTTS": "nuôi trồng thủy sản",
    "CHQS": "Chỉ huy Quân sự", "BCHQS": "Bộ Chỉ huy Quân sự", "VP": "Văn phòng",
    "TP": "thành phố", "TX": "thị xã", "HCM": "Hồ Chí Minh",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    "PT-TH": "Phát thanh và Truyền hình", "PTTH": "Phát thanh và Truyền hình",
    "PT&TH": "Phát thanh và Truyền hình", "BCH": "Bộ Chỉ huy", "BDBP": "Bộ đội Biên phòng",
    "KSND": "Kiểm sát nhân dân", "TAND": "Tòa án nhân dân", "CP": "Cổ phần",
    "BQL": "Ban Quản lý", "QLDA": "quản lý dự án", "PTNT": "Phát triển nông thôn",
    "ATGT": "An toàn giao thông", "PCTT": "Phòng chống thiên tai", "TKCN": "Tìm kiếm cứu nạn",
    "PTDS": "Phòng thủ dân sự", "CSGT": "Cảnh sát giao thông", "PCCC": "Phòng cháy, chữa cháy",
    "UBBC": "Ủy ban bầu cử", "BCD": "Ban Chỉ đạo", "GDNN": "Giáo dục nghề nghiệp",
    "GDTX": "Giáo dục thường xuyên",
    "GDNN-GDTX": "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    # a ward's or a commune's land and building office: "Bộ phận ĐC-XD phường"
    "DC-XD": "Địa chính - Xây dựng", "DCXD": "Địa chính - Xây dựng",
}
_ABBREVIATION = re.compile(  # digits and "©": what OCR leaves in them ("D1", "KH&©CN")
    # Written possessively: the old "[A-Z]{1,4}(?:[&,-]?©?[A-Z]{1,4})*" could split a run of
    # n capitals in ~2^n ways before failing on the letter after it (28 capitals: 8 s).
    # The same matches: a separator is where a shorter match may end, and only there.
    r"(?<![\w&])[^\W\d_a-z][^\W_a-z]*+(?:(?:[&,-]©?|©)[^\W_a-z]++)*(?![\w&])"
)
_LONE_AMPERSAND = re.compile(r"(?<=\w)\s+&\s+(?=\w)")
_SPACED_AMPERSAND = re.compile(r"(?<=\b[A-ZĐ]{2})[ \t]+&[ \t]+(?=[A-ZĐ]{2,}\b)")
# How an OCR model damages the capitals of an abbreviation: "LP-TB&XH", "VH,TT&D1".
_OCR_CAPITALS = str.maketrans({"P": "D", "1": "L", "0": "O"})
_SEPARATORS = str.maketrans("", "", "&,-")


def expand_abbreviations(text: str) -> str:
    """ "Sở GD&ĐT" → "Sở Giáo dục và Đào tạo"; unknown capitals stay; a lone "&" between
    words is "và" ("Nông nghiệp & PTNT")."""
    text = _SPACED_AMPERSAND.sub("&", text)  # "NN & PTNT": one abbreviation spaced out
    text = _LONE_AMPERSAND.sub(" và ", text)
    def spelled(m: re.Match[str]) -> str:
        key = strip_diacritics(m.group()).upper().replace("©", "")
        # a dash may join what "&" joins ("Sở GD-ĐT", "Sở TN-MT"), or every part ("Sở
        # VH-TT-DL", "Sở GT-VT"), whose letters run together are the table's too
        return (_ABBREVIATIONS.get(key) or _ABBREVIATIONS.get(key.translate(_OCR_CAPITALS))
                or _ABBREVIATIONS.get(key.replace("-", "&"))
                or _ABBREVIATIONS.get(key.translate(_SEPARATORS)) or _near_abbreviation(key)
                or _joined_abbreviations(key) or m.group())
    return _ABBREVIATION.sub(spelled, text)


def _joined_abbreviations(key: str) -> str | None:
    """ "PCTT&TKCN": two abbreviations of the table joined by "&" are each spelled out,
    "và" between them ("Phòng chống thiên tai và Tìm kiếm cứu nạn")."""
    parts = key.split("&")
    spelled = [_ABBREVIATIONS.get(part) for part in parts]
    return " và ".join(spelled) if len(parts) > 1 and all(spelled) else None  # type: ignore[arg-type]


_JOINING_WORDS = {"va"}


def _by_initials(text: str, stem: str, names: dict[str, str]) -> str | None:
    """A name the table knows whose last words a typist wrote as their initials ("Phòng
    Văn hóa TT" of "Phòng Văn hóa và Thông tin"): the one name, if only one, that goes on
    from the written words with words of those initials ("và" passed over)."""
    last = text.rsplit(" ", 1)[-1]
    if not stem or not (2 <= len(last) <= 5 and last.isalpha() and last.isupper()):
        return None
    letters = strip_diacritics(last).lower().replace("đ", "d")
    found = {names[k] for k in names if k.startswith(stem + " ") and "".join(
        w[0] for w in re.findall(r"\w+", k[len(stem) + 1 :]) if w not in _JOINING_WORDS
    ) == letters}
    return found.pop() if len(found) == 1 else None


def _near_abbreviation(key: str) -> str | None:
    """ "NN&MIT": one letter off a joined abbreviation ("NN&MT"), and no other."""
    if "&" not in key:
        return None
    near = {name for k, name in _ABBREVIATIONS.items()
            if "&" in k and Levenshtein.distance(k, key) <= 1}
    return near.pop() if len(near) == 1 else None


def strip_title(text: str) -> str:
    """Remove a leading title or request verb, keeping the body's name."""
    folded = fold_ocr(text)
    for pattern in (_REQUEST_PREFIX, TITLE_PREFIX):
        match = pattern.match(folded)
        # "Trưởng các thôn, tổ dân phố": a village has heads, not a body to name instead
        if match and match.end() < len(text) and not _VILLAGES.match(folded, match.end()):
            text, folded = text[match.end():], folded[match.end():]
    return text


def canonical_agency(raw: str, *, cutoff: float = 88) -> tuple[str, float]:
    """The canonical name of a written agency and a confidence in 0..1."""
    # The readers ask for the same few names again and again (a list is read from each of
    # its words; a document names its bodies many times): 85% of the calls on new
    # documents. The answer depends on the state names are read from, so that is in the key.
    return _canonical_agency(raw, cutoff, names_state())


_JOINED = re.compile(r"\s*+(?:,|\bva\b)\s*+")


def _slips_of(written: str, name: str, most: int = 1) -> bool:
    """Whether text stripped of its marks could mean `name`: it keeps its letters, so each
    word is the name's or a typist's slip of `most` letters from it ("các cơ quan, đơn vị
    trường học" is no "... trực thuộc", though their letters are close). (Garbled text the
    restorer read as syllables may have two of a word's letters misread: "bản vị" of "b6n
    vï" for "đơn vị"; it keeps its words.)"""
    # ("HĐND&UBND" is "HĐND và UBND", folded an OCR's "&" reads as "o"; "và" and a comma
    # join a group's kinds alike: "các sở, ban, ngành và địa phương")
    typed = _JOINED.sub(", ", fold_ocr(written.replace("&", " và "))).split()
    known = _JOINED.sub(", ", name).split()
    return len(typed) == len(known) and all(
        Levenshtein.distance(a, b, score_cutoff=most) <= most
        for a, b in zip(typed, known, strict=True))


def _letters_kept(written: str, state: str) -> bool:
    """Whether a written name keeps its letters: stripped text does, and so does a garbled
    one whose every word the restorer read as a syllable ("Ban Chỉ huy ... các huyện" is no
    "... huyện" of the table, a slip of a word away)."""
    return state == "stripped" or (state == "garbled" and all(
        looks_like_syllable(word) for word in re.findall(r"[^\W\d_]+", written)))


def _written_is_its_tail(key: str, name: str) -> bool:
    """Whether the written name (folded) is the close name's last words, misread or not:
    "Úy ban nhán dèn tinh" is not "Văn phòng Ủy ban nhân dân tỉnh"."""
    words = name.split()
    size = len(key.split())
    if len(words) <= size:
        return False
    tail = fuzz.ratio(key, " ".join(words[-size:]))
    # ("...Cộng sản HồChí Minh": a word joined is the whole name still, not its tail)
    return tail >= 80 and tail > fuzz.ratio(key, name)


def _place_as_level(written: str, name: str) -> bool:
    """Whether a close name ends in a level where the text names a place the tables lack:
    "Ban Quản lý Khu kinh tế Dung Quất" is no "... Khu kinh tế quận", "... Hòn La" no
    "... thị xã"; a level capitalised or misread ("Công an Tjnh") still is one."""
    level = next((lv for lv in LEVELS if name.endswith(f" {lv}")), None)
    if level is None:
        return False
    size = len(level.split())
    words, tail = written.split(), " ".join(written.split()[-size:])
    if not all(w[:1].isupper() for w in words[-size:]) or fold_ocr(tail) == fold_ocr(level):
        return False
    return len(words) > len(name.split()) or fuzz.ratio(fold_ocr(tail), fold_ocr(level)) < 70


# "lực lượng Công an huyện": the force of a known body is that body
_FORCE_OF = "luc luong "


def group_kept(key: str, table_key: str, name: str) -> str:
    """`name`, the table's close name of the written `key`, with the written group's "các"
    where the table's name has the level's "cấp" ("UBND cac huyen" is "UBND các huyện",
    not "... cấp huyện"): the two differ in a letter without marks, which stripping keeps
    and an English OCR reads as it is, so they are no slip of each other."""
    written, table, words = key.split(), table_key.split(), name.split()
    if len(written) != len(table) or "cac" not in written:
        return name
    # (aligned from the end: the key may be the name's short form, "ubnd cap huyen")
    size = min(len(table), len(words))
    kept = ["các" if w == "cac" and t == "cap" and word.lower() == "cấp" else word
            for w, t, word in zip(written[-size:], table[-size:], words[-size:], strict=True)]
    return " ".join(words[: len(words) - size] + kept)


@lru_cache(maxsize=8192)
def _canonical_agency(raw: str, cutoff: float, state: str) -> tuple[str, float]:
    text = expand_abbreviations(strip_title(clean_agency_text(raw)))
    if not text:
        return "", 0.0
    key = collapse_spaces(fold_ocr(text))
    names = _canonical_names()
    if key in names:
        return names[key], 1.0
    if key.startswith(_FORCE_OF) and key[len(_FORCE_OF) :] in names:
        return names[key[len(_FORCE_OF) :]], 1.0
    stem, _, level = key.rpartition(" ")
    if stem in names and level in _LEVEL_KEYS:  # "Phòng Tài chính - Kế hoạch huyện"
        return f"{names[stem]} {_LEVEL_KEYS[level]}", 1.0
    if initialled := _by_initials(text, stem, names):  # "Phòng Văn hóa TT"
        return initialled, 0.95
    best = name_index().best(key, cutoff)
    # (the written name with words before it is another body: "Văn phòng UBND thị xã" is
    # the office of the "UBND thị xã" written; text stripped of its marks has its letters,
    # so a close name is its name only a slip of a letter away: an OCR's damage is no
    # slip, and there a close name is taken)
    if best is not None and not _written_is_its_tail(key, best[0]) and not _place_as_level(
            text, names[best[0]]) and (not _letters_kept(text, state) or _slips_of(
                text, best[0], most=1 if state == "stripped" else 2)):
        name = group_kept(key, best[0], spelling_of(text, names[best[0]]))
        if key.startswith("cac ") and not best[0].startswith("cac ") and not name.startswith("Các"):
            # "các trung tâm GDNN-GDTX": the group of the bodies the table names one of
            name = f"Các {name[:1].lower()}{name[1:]}"
        return name, best[1] / 100
    head, dash, _ = text.partition(" - ")
    if dash and head:
        name, confidence = canonical_agency(head, cutoff=cutoff)
        if confidence >= cutoff / 100:
            return name, confidence
    # (its lone words are left to the model, which reads them in the name's context)
    restored, known = name_lexicon().restore(text, alone=False)
    # a name no table knows is never as sure as one that matched
    return as_written(text if typed_as_written() else restored), 0.5 + 0.3 * known

