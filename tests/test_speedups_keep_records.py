"""The speed-ups of issue 17 change no record.

The fuzzy name lookup scores only names that can reach the cut-off: its answers must be
rapidfuzz's over the whole table, key for key, and whole records made with it must equal
those made with the full scan. The comparison is between two runs of today's code, so it
holds whatever the extraction rules become. (`scripts/record_snapshot.py` compares
records before and after a change against a frozen set, for a change that should keep
them all.)
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from tests.seeds import SEEDS
from tests.states import STATES
from vanban import process_text
from vanban.errors import TooLargeError
from vanban.extract import agency_phrases
from vanban.normalize import agencies
from vanban.normalize.garble import garble
from vanban.normalize.name_index import NameIndex

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
_LETTERS = "abcdeghiklmnopqrstuvxy &,"


class _FullScan:
    """The lookups as they were: every name of the table scored."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def best(self, key: str, cutoff: float) -> tuple[str, float] | None:
        hit = process.extractOne(key, self.names, scorer=fuzz.ratio, score_cutoff=cutoff)
        return (hit[0], hit[1]) if hit else None

    def best_same_start(self, key: str, cutoff: float, limit: int) -> tuple[str, float] | None:
        for name, score, _ in process.extract(
            key, self.names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
        ):
            if name[:1] == key[:1]:
                return name, score
        return None


def _damaged(names: list[str], count: int, seed: int) -> list[str]:
    """Table names with OCR-like edits, extra words before and after, and noise."""
    rng = random.Random(seed)
    keys = []
    for _ in range(count):
        chars = list(rng.choice(names))
        for _ in range(rng.randint(0, 6)):
            at = rng.randrange(len(chars) + 1)
            edit = rng.random()
            if edit < 0.4 and at < len(chars):
                chars[at] = rng.choice(_LETTERS)
            elif edit < 0.7:
                chars.insert(at, rng.choice(_LETTERS))
            elif at < len(chars):
                del chars[at]
        key = "".join(chars)
        if rng.random() < 0.3:
            key = rng.choice(["so ", "cac ", "ubnd ", "giao "]) + key
        if rng.random() < 0.3:
            key += " " + rng.choice(names)[: rng.randint(1, 20)]
        keys.append(key.strip() or "x")
    return keys


def test_index_answers_as_the_full_scan() -> None:
    names = list(agencies._canonical_names())
    index, full = NameIndex(names), _FullScan(names)
    for cutoff in (70, 88):
        for key in _damaged(names, 3000, seed=cutoff):
            assert index.best(key, cutoff) == full.best(key, cutoff), key
            assert index.best_same_start(key, cutoff, 3) == full.best_same_start(key, cutoff, 3), key


def test_ties_go_to_the_earlier_table_entry() -> None:
    index = NameIndex(["so noi vu", "so noi vi", "ban noi vu", "so noi va"])
    assert index.best("so noi vx", 80) == ("so noi vu", pytest.approx(88.888, abs=0.01))
    # two other-letter names rank above every "s" name: none is in rapidfuzz's top two
    crowded = NameIndex(["xa noi vu", "xo noi vu", "sa noi vx"])
    assert crowded.best_same_start("so noi vu", 70, 2) is None
    assert crowded.best_same_start("so noi vu", 70, 3) is not None


def _texts() -> list[tuple[str, str]]:
    paths = sorted((DATA / "directives").glob("*.txt")) + sorted((DATA / "ocr").glob("*.txt"))
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def _word_starts(texts: int, per_text: int, *, no_limit_is_the_end: bool) -> list[tuple]:
    """(state, written, folded, place, limit) at the first `per_text` word starts of the
    first `texts` real directives in three states, each with no limit (None, or the text's
    end) and with one 40 characters on: the places a name reader is asked at."""
    from vanban.folding import fold_ocr

    questions = []
    for _, text in _texts()[:texts]:
        for state, make in STATES.items():
            written = make(text)
            folded = fold_ocr(written)
            starts = [m.start() for m in re.finditer(r"(?<!\w)\w", folded)][:per_text]
            end = len(folded) if no_limit_is_the_end else None
            questions += [(state, written, folded, pos, limit) for pos in starts
                          for limit in (end, min(len(folded), pos + 40))]
    return questions


def _records(texts: list[tuple[str, str]]) -> list[dict]:
    out = []
    for name, text in texts:
        for state, make in STATES.items():
            record = process_text(make(text), doc_id=f"{name}.{state}").model_dump(mode="json")
            record["provenance"].pop("processed_at")
            out.append(record)
    return out


def test_records_as_with_the_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    fast = _records(texts)
    full = _FullScan(list(agencies._canonical_names()))
    # the memo of the indexed lookups must not answer for the full scan
    monkeypatch.setattr(agencies, "name_index", lambda: full)
    monkeypatch.setattr(agency_phrases, "name_index", lambda: full)
    monkeypatch.setattr(agency_phrases, "_fuzzy", agency_phrases._fuzzy.__wrapped__)
    # nor the answers kept about a text: each question answered afresh
    monkeypatch.setattr(agency_phrases, "_answers", lambda text, folded: {})
    monkeypatch.setattr(agencies, "_canonical_agency", agencies._canonical_agency.__wrapped__)
    slow = _records(texts)
    assert len(fast) == len(slow) >= 12
    for a, b in zip(fast, slow, strict=True):
        assert a == b, a["provenance"]


def test_folding_tables_as_the_dicts_they_come_from() -> None:
    from vanban import folding

    text = "".join(chr(c) for c in [*range(0x3000), 0x1F600, 0xFFFD, 0x10FFFF])
    assert folding.fold(text) == text.translate(folding._FOLD)
    assert folding.strip_diacritics(text) == text.translate(folding._STRIP)


def test_the_place_date_shortcut_answers_as_the_pattern() -> None:
    """`place_date` skips lines without PLACE_DATE's ", ngày": it must never skip a match."""
    from vanban.extract import patterns as p
    from vanban.folding import fold_ocr

    lines = [fold_ocr(line) for _, text in _texts() for line in text.splitlines()]
    lines += [fold_ocr(line) for line in (
        "Bắc Giang, by tháng 3 năm 2012", "Hà Nội, ngày    tháng 5 năm 2026",
        "Đà Nẵng, ngàyII tháng II năm 2025", "TP. Hồ Chí Minh, ngày 02 tháng 01 năm 2025",
    )]
    found = [line for line in lines if p.PLACE_DATE.search(line)]
    assert len(found) >= 5
    for line in lines:
        expected = p.PLACE_DATE.search(line)
        got = p.place_date(line)
        assert (got and got.span()) == (expected and expected.span()), line


def _repair_line_whole(line: str) -> tuple[str, str | None]:
    """The legacy line repair as it was: each encoding's conversion of the whole line
    judged whole."""
    from vanban.ingest import legacy
    from vanban.normalize.diacritics import syllable_counts

    candidates = legacy.suspects(line)
    if not candidates or legacy.is_unicode(line):
        return line, None
    _, _, invalid = syllable_counts(line)
    best, best_invalid, used = line, invalid, None
    for encoding in candidates:
        converted = legacy.convert(line, encoding)
        words, _, wrong = syllable_counts(converted)
        if words and wrong < best_invalid and legacy.mends(line, invalid, wrong):
            best, best_invalid, used = converted, wrong, encoding
    return best, used


def _typed_in(text: str, encoding: str) -> str:
    """Unicode text as a legacy font's codes show it (letters the table lacks kept)."""
    from vanban.ingest import legacy

    codes = {letter: code for code, letter in legacy._data()[encoding]["table"].items()}
    return "".join(codes.get(c, c) for c in text)


def test_legacy_repair_judges_lines_as_whole_lines() -> None:
    """`repair_line` judges only the words a conversion changes: it must answer as the
    judgement of the whole converted line, on garbled text (codes of both encodings on
    most lines), on legacy text and on mixed lines."""
    from vanban.ingest import legacy

    tcvn = "Uû ban nh©n d©n tØnh Qu¶ng Ng·i\nCHñ TÞCH\nSè: 12/UBND"
    lines = [*tcvn.split("\n"), "UÛy ban nhaân daân tænh", "Hö Tien Thièu, ngày 3 tháng 5"]
    for seed, (_, text) in enumerate(_texts(), start=1):
        lines += garble(text, seed=seed).split("\n")
        lines += _typed_in(text, "VNI" if seed % 2 else "TCVN3").split("\n")[:8]
    repaired = 0
    for line in lines:
        got = legacy.repair_line(line)
        assert got == _repair_line_whole(line), line
        repaired += got[1] is not None
    assert repaired >= 5


def test_rule_names_read_without_parsing_are_the_files() -> None:
    """`known_rule` checks names against the file's `name = "..."` lines; they must be
    exactly the names the parsed file holds."""
    from vanban.extract import rules

    assert rules._written_names() == set(rules.rules())
    with pytest.raises(KeyError):
        rules.known_rule("no-such-rule")


def _flate_total_by_parser(data: bytes) -> int:
    """What the streams whose first filter is Flate inflate to, found by a PDF parser."""
    import zlib

    import pikepdf

    total = 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                filters = obj.get("/Filter")
                if isinstance(filters, pikepdf.Array):
                    filters = filters[0] if len(filters) else None
                if filters == pikepdf.Name.FlateDecode:
                    total += len(zlib.decompress(obj.read_raw_bytes()))
    return total


def test_bomb_check_counts_the_streams_a_parser_finds(tmp_path: Path) -> None:
    """`check_pdf` finds the streams in the bytes: on text PDFs, one with an image and
    the devset's, it must count what the parser's streams inflate to, to the byte."""
    from tests.render import SAMPLE, degrade, mixed_pdf, rasterise, render_pdf
    from vanban.ingest import inflation

    text = render_pdf(SAMPLE, tmp_path / "text.pdf")
    pdfs = [text, mixed_pdf(SAMPLE, degrade(rasterise(text, dpi=100)[0]), tmp_path / "mix.pdf",
                            dpi=100)]
    pdfs += sorted((SHARED / "devset" / "files").glob("*.pdf"))[:6]
    for path in pdfs:
        data = path.read_bytes()
        expected = _flate_total_by_parser(data)
        assert expected > 0
        view = memoryview(data)
        found = sum(inflation._stream_size(view, m.end(), 10**12)
                    for m in inflation._STREAM.finditer(data))
        assert found == expected, path.name
        with pytest.raises(TooLargeError, match="streams inflate"):
            inflation.check_pdf(data, name=path.name, limit=expected - 1)
        inflation.check_pdf(data, name=path.name, limit=expected)


def test_garbled_search_reads_the_table_as_the_general_comprehension() -> None:
    """`_slots_of` (one- and two-character keys) gives the compiled search what reading
    every key width at every position gives, on garbled words of the texts."""
    import re

    from vanban.normalize import diacritics

    index = diacritics.tables().index
    packed, widest = index._packed_costs, index._max_key
    if widest != 2:
        pytest.skip("`_search` reads keys of other widths the general way")
    words = {w.lower() for _, text in _texts() for w in re.findall(r"\S+", garble(text, seed=3))}
    words |= set(packed) | {"tir", "itf", "rnii", "t", ""}
    for word in words:
        n = len(word)
        expected = tuple(
            tuple((w, *slot) for w in range(1, min(widest, n - i) + 1)
                  if (slot := packed.get(word[i : i + w])) is not None)
            for i in range(n))
        assert index._slots_of(word) == expected, word


def test_evidence_boxes_from_compact_words_as_from_word_objects(tmp_path: Path) -> None:
    """A text-layer page's words stay compact (`Page.defer_words`); evidence reads its
    boxes from them as it would from the `Word`s they stand for, span for span."""
    import pickle

    from tests.render import SAMPLE, render_pdf
    from vanban.ingest import IngestOptions, load

    document = load(render_pdf(SAMPLE, tmp_path / "cv.pdf"), IngestOptions(ocr="never"))
    built = pickle.loads(pickle.dumps(document))
    for page in built.pages:
        assert page.words  # the copy's words made into objects before it is asked
    text = document.text
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    spans = [(a[0], b[1]) for i, a in enumerate(words) for b in words[i : i + 5]]
    spans += [(0, len(text)), (5, 6), (len(text) - 3, len(text)), (10, 10 + len(text) // 2)]
    assert len(spans) > 500
    for start, end in spans:
        assert document.boxes(start, end) == built.boxes(start, end)
        assert document.locate(start) == built.locate(start)
    assert any(document.locate(start)[1] is not None for start, _ in spans)
    assert document.pages[0].__dict__.get("_words") is None  # never built


def test_bomb_check_counts_with_zlib_ng_as_with_zlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check inflates with zlib-ng where it is installed: whole, cut, damaged and
    foreign streams count the same bytes as with zlib."""
    import zlib

    zlib_ng = pytest.importorskip("zlib_ng.zlib_ng")
    from vanban.ingest import inflation

    rng = random.Random(7)
    for i in range(400):
        raw = rng.randbytes(rng.randint(0, 3000)) * rng.randint(1, 40)
        stream = zlib.compress(raw, rng.choice([1, 6, 9]))
        if i % 4 == 1:
            stream = stream[: rng.randint(0, len(stream))]
        elif i % 4 == 2 and stream:
            damaged = bytearray(stream)
            damaged[rng.randrange(len(damaged))] ^= 0xFF
            stream = bytes(damaged)
        elif i % 4 == 3:
            stream = rng.randbytes(rng.randint(0, 500))
        view = memoryview(b"stream\n" + stream + rng.randbytes(rng.randint(0, 50)))
        counts = []
        for module in (zlib, zlib_ng):
            monkeypatch.setattr(inflation, "zlib", module)
            counts.append(inflation._stream_size(view, 7, rng.choice([10**9, 5000])))
        assert counts[0] == counts[1]


def test_dates_mended_as_a_search_of_the_whole_text_mends_them() -> None:
    """`_mend_dates` tries its pattern only in the five characters before each year's
    separator: it must mend what a search of the whole text (`re.sub`) mends."""
    from vanban import folding

    rng = random.Random(17)
    texts = [folding.fold(text) for _, text in _texts()]
    texts += ["lo/5/2024 2o/ll/2025 l5lll/2025 thang i2/2025 o5/2024 ol/2025 Quy II/2025",
              "20/1 1/2025", "a1/2025 /12/2025 1-2-2025 1.2.2025 l.o.2025 x 12/2025-"]
    # dates and their damaged look-alikes, in every setting: "lo/5/2024", "x1.2-2025/"
    edges, sides = ["", " ", "x", "/", "-", "\n", "đ"], ["", "/", ".", "-", " "]
    runs = ["", "1", "12", "123", "l", "i", "o", "|", "lo", "2o", "l5lll", "iii", "1i1"]
    for _ in range(20_000):
        day, month = rng.choice(runs), rng.choice(runs)
        year = rng.choice(["2025", "202", "20255"])
        texts.append(f"{rng.choice(edges)}{day}{rng.choice(sides)}{month}{rng.choice(sides)}"
                     f"{year}{rng.choice(edges)}")
    texts += [" ".join(rng.sample(texts, 4)) for _ in range(5_000)]  # several to a text
    mended = 0
    for text in texts:
        expected = folding._DATE_LIKE.sub(folding._mended, text)
        assert folding._mend_dates(text) == expected, text
        mended += expected != text
    assert mended > 200


def test_capitals_counted_in_one_pass_as_letter_by_letter() -> None:
    from vanban.normalize.text import is_upper_text

    def as_it_was(text: str, share: float, at_least: int) -> bool:
        letters = [c for c in text if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        return len(letters) >= at_least and (upper == len(letters) if share >= 1
                                             else upper > share * len(letters))

    rng = random.Random(5)
    # every character of the table and past it (capital letters that are no letters,
    # "Ⅷ" and "Ⓐ"; letters with no case; mathematical capitals), in lines of some length
    pool = [chr(c) for c in range(0x2400)] + list("ỦY BAN Đảng ủy  ") * 40 + ["𝐀", "𝐚"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    texts += ["KẾ HOẠCH", "Kế hoạch", "UBND TỈNH", "Ⅷ", "ⓐⒶ", "ǅ", "", "123"]
    for text in texts:
        for share in (0.8, 0.84, 1.0):
            for at_least in (1, 3, 4):
                assert is_upper_text(text, share=share, at_least=at_least) == as_it_was(
                    text, share, at_least), (text, share, at_least)


def test_remembered_folds_are_fresh_ones_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanban import folding

    monkeypatch.setattr(folding, "_REMEMBERED", {})
    monkeypatch.setattr(folding, "_REMEMBER_LIMIT", 50)
    lines = [line for _, text in _texts() for line in text.splitlines()]
    assert len(lines) > 200
    for _ in range(2):  # the second time from the memo, where it still holds the line
        for line in lines:
            assert folding.fold_ocr(line) == folding._fold_ocr(line), line
            assert len(folding._REMEMBERED) <= 50


def test_a_task_key_reads_the_opening_words_of_the_whole_text() -> None:
    """`task_key` folds only a task's head when its first words are there."""
    from vanban.keys import _OPENING_CHARS, _OPENING_WORDS, _opening_words, _words

    rng = random.Random(5)
    texts = [text for _, text in _texts()]
    texts += [line for text in texts for line in text.splitlines()]
    pieces = ["Sở", "Nội", "vụ", "chủ trì,", " ", "\n", "-", "Đắk", "2026", "ngày", "x" * 40,
              "....", "(UBND)"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    # words that end, or go on, exactly where the head is cut
    texts += ["a " * k + "b" * (_OPENING_CHARS - 2 * k + d) for k in range(12) for d in (-1, 0, 1)]
    for text in texts:
        assert _opening_words(text) == _words(text)[:_OPENING_WORDS], text[:80]


def test_marks_found_by_one_scan_as_character_by_character() -> None:
    from vanban import folding

    chars = [chr(c) for c in [*range(0x3000), 0x1F600, 0x10FFFF]]
    texts = [*chars, "".join(chars[:0x250]), "Sở Nội vụ", "So Noi vu", "", "x" * 50 + "đ"]
    for text in texts:
        assert folding.has_diacritics(text) == any(ord(c) in folding._STRIP for c in text)


def test_variants_matched_around_their_change_as_each_read_whole() -> None:
    """`_variant_matches` reads a garbled run's other readings only around the word each
    changes, from the starts whose units can reach it: the same matches, in the same
    order, as reading each variant whole (units up to 20 words long)."""
    from vanban.normalize import diacritics
    from vanban.normalize.domain import BEFORE_ACRONYM, BEFORE_NAME

    units = diacritics.tables().units
    rng = random.Random(11)
    long = [key for key in (*units.terms, *units.names) if len(key) >= 4]
    keys = list(units.terms)[::7] + list(units.names)[::7] + long * 5
    pool = [w for key in keys[:2000] for w in key] + [*BEFORE_NAME, *BEFORE_ACRONYM, "x", "va"]
    for _ in range(4000):
        n = rng.randint(2, 24)
        words: list[str] = []
        while len(words) < n:
            words += list(rng.choice(keys)) if rng.random() < 0.6 else [rng.choice(pool)]
        first = words[:n]
        capital = [rng.random() < 0.4 for _ in range(n)]
        acronym = None if rng.random() < 0.5 else [rng.random() < 0.3 for _ in range(n)]
        changes = [(rng.randrange(n), rng.choice(pool)) for _ in range(rng.randint(1, 6))]
        variants = [first]
        for k, f in changes:
            variants.append([*first[:k], f, *first[k + 1 :]])
        whole = dict.fromkeys(m for v in variants for m in units.matches(v, capital, acronym))
        found = diacritics._variant_matches(units, first, changes, capital, acronym)
        assert list(found) == list(whole)


def test_restorations_with_remembered_runs_as_read_afresh() -> None:
    """A run of words is favoured once and a garbled word's readings are read once
    (`_Tables.runs`, `_Tables.damaged`): restoring texts after others (as a document's
    fields follow its whole text) gives what each gives read with every memo empty."""
    from vanban.normalize import diacritics

    tables = diacritics.tables()
    items: list[tuple[str, str | None]] = []
    for _, text in _texts()[:8]:
        for state, make in STATES.items():
            if state == "clean":
                continue
            damaged = make(text)
            document_state = "garbled" if state == "garbled" else None
            items.append((damaged, document_state))
            # fields: its paragraphs and sentences, which share runs with the whole
            items += [(part, document_state) for part in re.split(r"\n\s*\n|(?<=\.) ", damaged)
                      if len(part.split()) > 3]

    def read(text: str, state: str | None) -> tuple:
        restored = diacritics.restore(text, document_state=state)
        return restored.text, restored.confidence, diacritics.respelled(
            text, document_state=state)

    warm = [read(text, state) for text, state in items]
    assert len(tables.runs) > 100 and len(tables.damaged) > 100
    again = [read(text, state) for text, state in items]  # every run remembered
    cold = []
    for text, state in items:
        tables.forget()
        cold.append(read(text, state))
    assert len(items) > 200
    assert warm == again == cold


def test_a_document_type_told_by_its_first_word_first_as_by_its_readings() -> None:
    """`_names_a_document` reads the three spans only when the first word opens a type:
    the same answers as reading them at once, on text made of the types' words, other
    words, punctuation and spacing."""
    from vanban.normalize.codes import FOLDED_DOC_TYPES

    def whole(folded: str, start: int, ends: list[int]) -> bool:
        return any(" ".join(folded[start:e].split()) in FOLDED_DOC_TYPES for e in ends[:3])

    rng = random.Random(5)
    words = [w for t in FOLDED_DOC_TYPES for w in t.split()] + ["so", "an", "x1", "ke&"]
    gaps = [" ", "  ", "\n", "-", ", ", "(", " ("]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 6)))
        start = 0 if rng.random() < 0.5 else rng.randrange(len(text))
        ends = agency_phrases._word_ends(text, start, len(text))
        if not ends:
            continue
        expected = whole(text, start, ends)
        found += expected
        assert agency_phrases._names_a_document(text, start, ends) == expected, (text, start)
    assert found > 100


def test_legacy_suspects_of_a_long_text_as_of_its_set_of_characters() -> None:
    """`legacy.suspects` searches a long text for each telling code: the same encodings,
    in the same order, as a set of the text's characters finds."""
    from vanban.ingest import legacy

    def by_set(text: str) -> list[str]:
        chars = set(text)
        return [name for name, telling in legacy._telling().items() if chars & telling]

    codes = "".join(sorted(set().union(*legacy._telling().values())))
    rng = random.Random(3)
    texts = [text for _, text in _texts()]
    texts += [garble(t, seed=i) for i, t in enumerate(texts)]
    texts += [_typed_in(t, "VNI" if i % 2 else "TCVN3") for i, t in enumerate(texts[:6])]
    # long ASCII texts with a code or two somewhere, or none
    texts += ["x" * rng.randint(900, 3000) + "".join(rng.sample(codes, rng.randint(0, 2)))
              for _ in range(300)]
    assert sum(len(t) >= legacy._LONG_TEXT for t in texts) > 300
    for text in texts:
        assert legacy.suspects(text, text_layer=True) == by_set(text)
        # (a text file is not looked at for an encoding of PDF text layers only)
        assert legacy.suspects(text) == [n for n in by_set(text) if n in legacy._telling_anywhere()]


def _kept_and_fresh(kept, fresh, *, texts, starts, thirds, seed, every, between):
    """(kept answer, fresh reading) of questions (place, limit, third argument) at the first
    `starts` word starts of each text in each state: asked first in order, then again
    shuffled, another text asked about every `every`, half in another naming state; each
    kept answer is checked against the fresh reading and, in its own state, the first."""
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    rng = random.Random(seed)
    for _, text in texts:
        for state, make in STATES.items():
            written = make(text)
            folded = fold_ocr(written)
            at = [m.start() for m in re.finditer(r"(?<!\w)\w", folded)][:starts]
            questions = [(pos, limit, third) for pos in at
                         for limit in (None, min(len(folded), pos + 60)) for third in thirds]
            with names_read_from(state):
                first = {q: kept(written, folded, *q) for q in questions}
            rng.shuffle(questions)
            for k, q in enumerate(questions):
                if k % every == 0:
                    between()
                reading = state if k % 2 == 0 else "garbled" if state == "clean" else "clean"
                with names_read_from(reading):
                    got, afresh = kept(written, folded, *q), fresh(written, folded, *q)
                assert got == afresh, (written[q[0] : q[0] + 40], q[1:], reading)
                if reading == state:
                    assert got == first[q]
                yield got, afresh


def test_agency_answers_kept_about_a_text_as_asked_afresh() -> None:
    """`match_agency` keeps its answers about the text last asked about: asked again, in
    another order, with and without localities, about another text in between, in
    another naming state, it answers as a fresh reading."""
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    answers = _kept_and_fresh(
        lambda w, f, pos, limit, loc: agency_phrases.match_agency(w, f, pos, limit,
                                                                  localities=loc),
        lambda w, f, pos, limit, loc: agency_phrases._match_agency(w, f, pos, limit, loc),
        texts=_texts()[:4], starts=200, thirds=(True, False), seed=7, every=97,
        between=lambda: agency_phrases.match_agency("Sở Y tế", "so y te", 0))
    assert sum(got is not None for got, _ in answers) > 200
    # the naming state decides: typed text keeps a name the table has no such spelling of
    text = "Ban Quan ly du an"
    folded = fold_ocr(text)
    for state in ("clean", "stripped", "clean"):
        with names_read_from(state):
            got = agency_phrases.match_agency(text, folded, 0)
            assert got == agency_phrases._match_agency(text, folded, 0, None, True)
            assert (got.value == text) == (state == "clean")


def test_agency_lists_kept_about_a_text_as_read_afresh() -> None:
    """`match_agency_list` keeps its answers with `match_agency`'s: asked again, in another
    order, with and without the names "nêu trên" stands for, about another text in between,
    in another naming state, it answers as a fresh reading, and a caller that extends the
    list it was given changes no later answer."""
    listed = 0
    for got, fresh in _kept_and_fresh(
            lambda w, f, pos, limit, named: agency_phrases.match_agency_list(
                w, f, pos, limit, named_here=list(named)),
            lambda w, f, pos, limit, named: agency_phrases._read_agency_list(
                w, f, pos, limit, list(named)),
            texts=_texts()[:2], starts=120, thirds=((), ("Sở Y tế", "Sở Tài chính")), seed=11,
            every=89, between=lambda: agency_phrases.match_agency_list(
                "Sở Y tế, Sở Nội vụ", "so y te, so noi vu", 0)):
        got.append(None)  # (the caller's list: the kept answer is not it)
        listed += bool(fresh)
    assert listed > 100


def test_words_found_without_a_pattern_as_the_pattern_finds_them() -> None:
    """`words_at` (a garbled document's fields looked up in its respelled text) finds the
    span the pattern of the words joined by `\\s+` finds: the first, whatever white space
    (any of Unicode's, any length) the text has between the words."""
    from vanban.normalize.text import words_at

    rng = random.Random(11)
    spaces = [" ", "  ", "\n", " \n ", "\t", "\u00a0", "\u2003", "\x1c", "\u3000"]
    texts = [written for _, text in _texts()[:6] for written in (text, garble(text, seed=3))]
    texts += ["".join(rng.choice(["a", "b", "ab", ".", "(", "*", "+", *spaces])
                      for _ in range(400)) for _ in range(30)]
    asked = found = 0
    for text in texts:
        tokens = text.split()
        for _ in range(300):
            at = rng.randrange(max(1, len(tokens)))
            words = tokens[at : at + rng.randint(1, 6)] or ["x"]
            if rng.random() < 0.2:  # a word changed: found elsewhere or not at all
                k = rng.randrange(len(words))
                words[k] = words[k][: rng.randint(1, max(1, len(words[k])))] + rng.choice("a.")
            pattern = re.search(r"\s+".join(map(re.escape, words)), text)
            got = words_at(words, text)
            assert got == (pattern.span() if pattern else None), (words, text[:80])
            asked += 1
            found += got is not None
    assert asked > 10_000 and found > asked // 2


def test_capitals_counted_as_the_capitals_test_counts_them() -> None:
    """`capitals_in` is the count `is_upper_text` tests: a text with fewer than `at_least`
    capitals is never in capitals at a share below 1 (the signer's lines it skips)."""
    from vanban.normalize.text import capitals_in, is_upper_text

    rng = random.Random(5)
    pool = [chr(c) for c in range(0x2400)] + list("ỦY BAN Đảng ủy  ") * 40 + ["𝐀", "𝐚"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    for text in texts:
        assert capitals_in(text) == sum(c.isupper() for c in text if c.isalpha()), text
        if capitals_in(text) < 3:
            assert not is_upper_text(text, share=0.84, at_least=3), text


def test_runs_of_spaces_squeezed_as_the_pattern_squeezes_them() -> None:
    """`squeeze_runs` leaves a text alone when no run of spaces and tabs is too long (told
    by a substring search) and otherwise squeezes as its pattern does."""
    from vanban.ingest import cleanup

    rng = random.Random(3)
    texts = [text for _, text in _texts()[:4]]
    for _ in range(300):
        pieces = []
        for _ in range(rng.randint(1, 4)):
            pieces.append(rng.choice(["a", "Sở Y tế", "\n", "\n\n"]))
            size = rng.choice([1, 2, 3, 20, 200, 255, 256, 257, 258, 300, 600])
            pieces.append("".join(rng.choice(" \t" if rng.random() < 0.5 else " ")
                                  for _ in range(size)))
        texts.append("".join(pieces))
    changed = 0
    for text in texts:
        blanks = cleanup._BLANK_RUN.sub("\n" * (cleanup.MAX_BLANK_LINES + 1), text)
        expected = cleanup._SPACE_RUN.sub(r"\1", blanks)
        assert cleanup.squeeze_runs(text) == expected
        changed += expected != blanks
    assert 50 < changed < len(texts) - 50


def test_keys_no_name_could_be_a_typo_of_are_told_apart_exactly() -> None:
    """`_may_be_a_typo` (typed text skips the fuzzy search) is False only where no name of
    the table is a typo of the key: table names with slips of letters and extra words, and
    every run of words of real directives, checked against every name as long."""
    from vanban.folding import fold_ocr

    names = agency_phrases.name_index().names
    by_count: dict[int, list[str]] = {}
    for name in names:
        by_count.setdefault(len(name.split()), []).append(name)
    rng = random.Random(13)
    keys = []
    for name in rng.sample(list(names), 400):
        words = name.split()
        for _ in range(3):
            edited = list(words)
            for k in rng.sample(range(len(words)), rng.randint(1, len(words))):
                word, at = edited[k], rng.randrange(len(edited[k]) + 1)
                edited[k] = rng.choice([word[:at] + rng.choice(_LETTERS.strip()) + word[at:],
                                        word[:at] + word[at + 1 :],
                                        word[:at] + rng.choice("aeiou") + word[at + 1 :]])
            keys.append(" ".join(w for w in edited if w))
            keys.append(" ".join([*edited, rng.choice(["tinh", "va", "x"])]).strip())
    for _, text in _texts()[:6]:
        words = fold_ocr(text).split()
        keys += [" ".join(words[at : at + rng.randint(2, 8)]) for at in range(0, len(words), 3)]
    skipped = 0
    for key in keys:
        if not agency_phrases._may_be_a_typo(key):
            skipped += 1
            same = by_count.get(len(key.split()), [])
            assert not any(agency_phrases._a_typo_of(key, name) for name in same), key
    assert 500 < skipped < len(keys) - 500


def _damaged_lines(count: int = 40) -> list[str]:
    """Lines of the seeds, tests/data and the devset's texts as given, stripped and
    garbled (each with its own damage)."""
    lines: list[str] = []
    for i, (_, text) in enumerate(_texts()[:count]):
        for make in (lambda t: t, STATES["stripped"], lambda t, i=i: garble(t, seed=i + 1)):
            lines += make(text).split("\n")
    return lines


def _random_lines(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
            for _ in range(count)]


def test_glued_marks_and_runs_looked_for_as_the_patterns_find_them() -> None:
    """`_has_glued` asks the pattern only of a line holding a sign its matches hold, and
    `_runs_together` is the old pattern as two that open with a digit: the same answers."""
    from vanban.normalize import diacritics

    glued = re.compile(r"[^\W\d_]&?[?’'@]|[a-zđ][.,]i|[^\W\d_]#[^\W\d_]")
    together = re.compile(r"\d[,;:][^\W\d_]|[a-zđ](?:19|20)\d\d\b")
    lines = _damaged_lines() + _random_lines("ab đé1290,;:.?’'@#&i \n", 100_000, 5)
    for line in lines:
        assert diacritics._has_glued(line) == bool(glued.search(line)), line
        assert diacritics._runs_together(line) == bool(together.search(line)), line


def test_spans_split_by_spaces_as_by_the_pattern() -> None:
    """`spans` of a line whose only whitespace is " " splits it with `str.split(" ")`:
    the same spans as the chunks the pattern finds, whatever the whitespace."""
    from vanban.normalize import tokens

    alphabet = "ab đé1.,/-&)" + " \t\xa0\u2028\u3000\xad"
    lines = _damaged_lines() + _random_lines(alphabet, 100_000, 7)
    for line in lines:
        assert tokens.spans(line) == tokens._spans_of_chunks(line), repr(line)


def test_a_boost_as_every_pair_rebuilt() -> None:
    """`_boost` keeps the pairs it does not change: the same candidates as each pair
    rebuilt, a syllable given twice gaining twice, one missing added only with `add`."""
    from vanban.normalize import diacritics

    def rebuilt(cands: tuple, target: int, bonus: float, add: bool) -> tuple:
        if any(c == target for c, _ in cands):
            return tuple((c, w + bonus if c == target else w) for c, w in cands)
        return (*cands, (target, bonus)) if add else cands

    rng = random.Random(3)
    for _ in range(20_000):
        cands = tuple((rng.randrange(8), rng.uniform(-9, 0)) for _ in range(rng.randint(0, 6)))
        target, bonus, add = rng.randrange(9), rng.choice([1.0, 6.0, 7.5]), rng.random() < 0.5
        assert diacritics._boost(cands, target, bonus, add) == rebuilt(cands, target, bonus, add)


def test_a_whole_respelling_leaves_the_collector_as_it_found_it() -> None:
    """`respelled` holds the garbage collector off while it runs (`_collector_paused`):
    on again after, off still where the caller had turned it off, on after an error."""
    import gc

    from vanban.normalize import diacritics

    text = garble("Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan.", seed=2)
    assert gc.isenabled()
    first = diacritics.respelled(text, document_state="garbled")
    assert gc.isenabled()
    gc.disable()
    try:
        assert diacritics.respelled(text, document_state="garbled") == first
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), diacritics._collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_a_line_parsed_and_counted_in_one_pass_as_in_two() -> None:
    """`_parsed` splits a line and counts its words from each chunk's remembered spans and
    counts: the spans `spans` gives and the counts `_count_words` gives, memos full or not."""
    from vanban.normalize import diacritics, tokens

    tables = diacritics.tables()
    alphabet = "ab đéởĐ1.,/-&)?@" + " \t\xa0\xad"
    lines = [diacritics._nfc(line) for line in _damaged_lines(20)]
    lines += _random_lines(alphabet, 20_000, 9)
    for line in lines:
        sp = tokens.spans(line)
        assert diacritics._parsed(tables, line) == (sp, diacritics._count_words(tables, line, sp))
    tables.forget()
    for line in lines[::7]:
        sp = tokens.spans(line)
        assert diacritics._parsed(tables, line) == (sp, diacritics._count_words(tables, line, sp))



def test_a_texts_counts_from_its_chunks_read_as_from_their_classes() -> None:
    """`_text_counts` and `chunk_counts` read a chunk as `_parsed` does (its spans and
    counts, remembered for the lines respelled next): the counts of its words' classes, on
    real texts in three states and random ones with marks, symbols and odd white space,
    memos full or not."""
    from vanban.normalize import diacritics

    def by_classes(text: str) -> diacritics._Counts:
        tally = [0, 0, 0, 0]
        for chunk in diacritics._nfc(text).split():
            for cls in tables.classes_of(chunk):
                tally[cls] += 1
        return diacritics._tally_counts(tally)

    tables = diacritics.tables()
    texts = [make(text) for _, text in _texts()[:30] for make in STATES.values()]
    texts += _damaged_lines(10)
    alphabet = "ab đéởĐ1.,/-&)?@ỹ" + " \t\n\xa0\xad\u200b\x0c"
    texts += _random_lines(alphabet, 20_000, 11)
    def chunk_by_classes(chunk: str) -> tuple[int, int]:
        classes = tables.classes_of(diacritics._nfc(chunk))
        return len(classes) - classes.count(diacritics._SKIP), classes.count(diacritics._INVALID)

    for text in texts:
        assert diacritics._text_counts(text) == by_classes(text), repr(text)
        for chunk in (*text.split(), text[:12]):
            assert diacritics.chunk_counts(chunk) == chunk_by_classes(chunk), repr(chunk)
    tables.forget()
    for text in texts[::5]:
        assert diacritics._text_counts(text) == by_classes(text), repr(text)
        for chunk in text.split():
            assert diacritics.chunk_counts(chunk) == chunk_by_classes(chunk), repr(chunk)


def test_formula_columns_bounded_by_their_common_letters_as_compared_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`_common_length` is the longest common subsequence (the table of lengths, on
    random letters), which bounds `SequenceMatcher`'s matches: `_formulas` finds what it
    found without the bound, on the lines of real texts in three states and made ones."""
    from difflib import SequenceMatcher

    from vanban.normalize import diacritics

    def table_of_lengths(a: str, b: str) -> int:
        row = [0] * (len(b) + 1)
        for x in a:
            new = [0]
            for j, y in enumerate(b):
                new.append(row[j] + 1 if x == y else max(row[j + 1], new[j]))
            row = new
        return row[-1]

    rng = random.Random(4)
    for key in diacritics._KEY_MASKS:
        for _ in range(2_000):
            letters = "".join(rng.choice("abcdghilmnoptuvxy") for _ in range(rng.randint(0, 40)))
            common = diacritics._common_length(letters, key)
            assert common == table_of_lengths(letters, key), (letters, key)
            blocks = SequenceMatcher(None, letters, key, autojunk=False).get_matching_blocks()
            assert sum(block.size for block in blocks) <= common
    lines = [line for _, text in _texts() for make in STATES.values()
             for line in make(text).split("\n")] + _damaged_lines(40)
    lines += [garble(formula, seed=seed) + tail for seed in range(300)
              for formula in (*diacritics.FORMULAS, *diacritics.HEADINGS)
              for tail in ("", "   Số: 12/UBND")]
    found = [diacritics._formulas(line) for line in lines]
    monkeypatch.setattr(diacritics, "_common_length", lambda letters, key: len(key))
    assert [diacritics._formulas(line) for line in lines] == found
    assert sum(map(bool, found)) > 300



def test_lone_at_looked_for_only_in_lines_with_one_spaced_as_in_every_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`_lone_at` reads on only in a line holding a spelling of a lone "ở" between two
    spaces, which every one it finds has: the same starts as read in every line, on the
    garbled lines of real texts and random ones of those spellings, levels and signs."""
    from vanban.normalize import diacritics, tokens

    lines = [diacritics._nfc(line) for line in _damaged_lines(40)]
    lines += [f"Uy ban bau cu {at} tinh, {at} huyen{end}" for at in "&0bdo6" for end in ("", ",")]
    lines += _random_lines("&0bdo ,tinh", 30_000, 12)
    found = [diacritics._lone_at(line, tokens.spans(line)) for line in lines]
    monkeypatch.setattr(diacritics, "_lone_at_spaced", lambda: ("",))
    assert [diacritics._lone_at(line, tokens.spans(line)) for line in lines] == found
    assert sum(map(bool, found)) > 5


def test_agency_keys_past_the_names_reach_skipped_as_looked_up(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The agency key loop skips keys whose words no name of the table begins with
    (`_known_reach`) and that hold a word no name has at its place, nor a slip of it
    (`_typo_reach`): at every word of real directives in three states, with and without a
    limit, its answers are those of the loop that looks every key up."""
    from vanban.normalize.text import names_read_from

    questions = _word_starts(8, 600, no_limit_is_the_end=True)

    def answers() -> list:
        out = []
        for state, written, folded, pos, limit in questions:
            with names_read_from(state):
                out.append(agency_phrases._match_agency_at(written, folded, pos, limit))
        return out

    pruned = answers()
    monkeypatch.setattr(agency_phrases, "_known_reach", lambda folded, start, ends: len(ends))
    monkeypatch.setattr(agency_phrases, "_typo_reach",
                        lambda folded, start, end, stop=None: end + 1)
    assert answers() == pruned
    assert sum(a is not None for a in pruned) > 1000


def test_lines_that_may_hold_cells_as_the_pattern_finds_them() -> None:
    """`_may_have_cells` (a table's rows) answers as its pattern's search, on every line of
    real directives in three states and on lines of cells made up."""
    from vanban.extract import task_table

    lines = ["a\tb", "a  b", "a | b", "a|b", "| a |", "a |", "a\u00a0|\u00a0b", "  a", "a  ",
             "ab", "a \t", "\t", "a\u2003\u2003b"]
    for _, text in _texts():
        for make in STATES.values():
            lines += make(text).splitlines()
    for line in lines:
        assert task_table._may_have_cells(line) == bool(task_table._MAY_HAVE_CELLS.search(line))


def test_a_spans_owners_kept_as_read_afresh() -> None:
    """`_span_owners` keeps what a span names on its text's context: asked again, in
    another order, in another naming state, it answers as a fresh reading, and a copy of
    the context made for another text keeps none of it."""
    from dataclasses import replace

    from vanban.extract import tasks
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    rng = random.Random(11)
    named = 0
    for _, text in _texts()[:4]:
        for state, make in STATES.items():
            written = make(text)
            context = tasks._Context(written, fold_ocr(written), [])
            stops = [m.end() for m in re.finditer(r"[.;:\n]", context.folded)][:60]
            spans = [(a, b) for a, b in zip([0, *stops], stops, strict=False) if b > a]
            spans += rng.sample(spans, min(10, len(spans)))
            rng.shuffle(spans)
            for k, (start, end) in enumerate(spans):
                reading = state if k % 3 else "garbled" if state == "clean" else "clean"
                with names_read_from(reading):
                    got = tasks._span_owners(context, start, end)
                    got.append(None)  # (the caller's list: the kept one is not changed)
                    again = tasks._span_owners(context, start, end)
                    assert again == tasks._read_span_owners(context, start, end) == got[:-1]
                    named += bool(again)
            copy = replace(context, folded=context.folded.upper())
            assert copy.owners_of == {} and context.owners_of
    assert named > 20


def test_a_headings_owners_kept_as_read_afresh() -> None:
    """`_heading_owners` keeps what an item's heading names on the text's context: asked
    again, in another naming state, it answers as a fresh reading; an item whose lines
    or items changed since is read again."""
    from vanban.extract import tasks
    from vanban.extract.lines import split_lines
    from vanban.extract.outline import parse_outline
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    named = 0
    for _, text in _texts()[:6]:
        for state, make in STATES.items():
            written = make(text)
            folded = fold_ocr(written)
            context = tasks._Context(written, folded, [])
            root = parse_outline(split_lines(written), paragraphs=False)
            nodes = [n for n in root.walk() if n is not root and n.lines]
            for k, node in enumerate(nodes * 2):
                reading = state if k % 3 else "garbled" if state == "clean" else "clean"
                with names_read_from(reading):
                    got = tasks._heading_owners(node, context)
                    assert got == tasks._read_heading_owners(node, context)
                    named += bool(got)
            if len(nodes) > 1:  # an item's lines grown by the next item's first (its end moves)
                grown, following = nodes[0], nodes[1]
                end = grown.end
                grown.lines = [*grown.lines, *following.lines[:1]]
                assert grown.end != end
                assert tasks._heading_owners(grown, context) == tasks._read_heading_owners(
                    grown, context)
    assert named > 20


def test_title_skips_kept_about_texts_as_matched_afresh() -> None:
    """`_skip_title` keeps where each name starts, by place, for the last texts asked
    about: asked in any order, about more texts than it keeps in between, it answers as
    the pattern matched there (and as the parts matched in turn), and keeps a bounded
    number of texts."""
    from vanban.folding import fold_ocr
    from vanban.regex_gate import IN_TURN

    parts = next(parts for parts, one in IN_TURN if one is agency_phrases._BEFORE_A_NAME)
    folded = [fold_ocr(make(text)) for _, text in _texts()[:3] for make in STATES.values()]
    folded += [f"de nghi chu tich so {k}" for k in range(12)]  # (more texts than are kept)
    rng = random.Random(5)
    questions = [(k, pos) for k, text in enumerate(folded) for pos in range(0, len(text), 3)]
    rng.shuffle(questions)
    for k, pos in questions * 2:
        text = folded[k]
        got = agency_phrases._skip_title(text, pos)
        assert got == agency_phrases._BEFORE_A_NAME.match(text, pos).end()
        end = pos
        for part in parts:
            for pattern in part if isinstance(part, tuple) else (part,):
                if m := pattern.match(text, end):
                    end = m.end()
                    break
        assert got == end, text[pos : pos + 40]
        assert len(agency_phrases._SKIPPED) <= agency_phrases._SKIPPED_TEXTS
        assert all(len(places) <= agency_phrases._SKIPPED_PLACES
                   for _, places in agency_phrases._SKIPPED.values())


def test_three_letters_found_as_the_letters_counted() -> None:
    """The signature's lines with three letters at least are those `_LETTER.findall`
    counted three in: every line of the real texts in three states, and random lines of
    letters, digits of several scripts, marks, "_" and punctuation."""
    from vanban.extract import signature

    rng = random.Random(3)
    lines = [line for _, text in _texts() for make in STATES.values()
             for line in make(text).splitlines()]
    alphabet = "aĐđ ư_1٣²½\u0301\u00a0.,;:-–(\n\tⅣ𝟙ẞ"
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(20000)]
    lines += [chr(code) * 3 for code in range(0x30000) if not 0xD800 <= code < 0xE000]
    for line in lines:
        assert signature._has_three_letters(line) == (
            len(signature._LETTER.findall(line)) >= 3), repr(line)


def test_title_skips_past_the_places_kept_as_matched_afresh(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the places kept for a text, `_skip_title` answers as the pattern does."""
    monkeypatch.setattr(agency_phrases, "_SKIPPED_PLACES", 10)
    monkeypatch.setattr(agency_phrases, "_SKIPPED", {})
    text = " ".join(["de nghi pho chu tich ubnd tinh", "toan the cac so", "chu tich xa"] * 20)
    for pos in [*range(len(text)), *range(0, len(text), 7)]:
        assert agency_phrases._skip_title(text, pos) == (
            agency_phrases._BEFORE_A_NAME.match(text, pos).end())
    assert all(len(places) <= 10 for _, places in agency_phrases._SKIPPED.values())


def test_places_no_reader_can_start_a_name_at_skipped_as_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`_match_agency` says None at once where a word, no title before it, opens no head,
    pattern or known name (`_may_start`): at every word of real directives in three states,
    with and without a limit, its answers are those of the readers asked there."""
    from vanban.normalize.text import names_read_from

    questions = _word_starts(10, 800, no_limit_is_the_end=False)

    def answers() -> list:
        out = []
        for state, written, folded, pos, limit in questions:
            with names_read_from(state):
                out.append(agency_phrases._match_agency(written, folded, pos, limit, True))
        return out

    skipped = sum(not agency_phrases._may_start(folded, pos, len(folded) if limit is None
                                                else limit)
                  for _, _, folded, pos, limit in questions)
    gated = answers()
    monkeypatch.setattr(agency_phrases, "_may_start", lambda folded, pos, limit: True)
    assert answers() == gated
    assert sum(a is not None for a in gated) > 1000 and skipped > len(questions) // 5


def test_the_words_a_name_may_start_with_hold_the_readers_patterns() -> None:
    """Every match of the patterns the name readers open with (a council's head, levels
    after a count, a village's head, a group, a body named again, a count of a kind)
    starts at a word of `head_firsts` or a digit: at every place of real directives in
    three states, folded, and of lists of the vocabulary's words; and every first word of
    the vocabulary's heads is one of them, so a new head is never skipped."""
    from vanban.extract import organisations
    from vanban.extract.vocabulary import phrases
    from vanban.folding import fold_ocr

    firsts = agency_phrases.head_firsts()
    for name in agency_phrases._HEAD_CLASSES:
        assert {p[0] for p in phrases(name)} <= firsts
    patterns = [agency_phrases._LOCALITIES, agency_phrases._COUNCIL, agency_phrases._COUNCIL_OCR,
                agency_phrases._VILLAGE_HEADS, agency_phrases._GROUP_OF,
                agency_phrases._THIS_BODY, organisations._COUNT_OF_KIND]
    rng = random.Random(5)
    words = sorted({w for name in ("level_words", "group_nouns", "open_heads", "table_heads")
                    for p in phrases(name) for w in p} | firsts | {"2", "12", ",", "/"})
    texts = [fold_ocr(make(text)) for _, text in _texts() for make in STATES.values()]
    texts += [" ".join(rng.choice(words) for _ in range(8)) for _ in range(3000)]
    matched = 0
    for folded in texts:
        for pos in (m.start() for m in re.finditer(r"(?<![a-z0-9&])[a-z0-9&]", folded)):
            word = re.match(r"[a-z0-9&]+", folded[pos:]).group()
            for pattern in patterns:
                if pattern.match(folded, pos):
                    matched += 1
                    assert word in firsts or word[0].isdigit(), (pattern.pattern[:40], word)
    assert matched > 1000


def _phrase_at_as_it_was(words: list[str], index: int, name: str,
                         written: list[str] | None = None) -> int:
    """`vocabulary.phrase_at`'s loop over every length, as the reference."""
    from vanban.extract import vocabulary as v

    firsts = {phrase[0] for phrase in v.phrases(name) if phrase}
    if index >= len(words) or (index >= 0 and words[index] not in firsts):
        return 0
    known = v.phrases(name)
    for size in range(min(v._longest(name), len(words) - index), 0, -1):
        forms = known.get(tuple(words[index : index + size]))
        if forms is None:
            continue
        if written is None or any(v._same_marks(written[index : index + size], form)
                                  for form in forms):
            return size
    return 0


def test_phrases_found_by_their_lengths_as_at_every_length() -> None:
    """`vocabulary.phrase_at` tries a word only at the lengths its class's phrases from it
    have, and typed text's written words by a look-up: at every word of real directives in three
    states (written words as the readers make them, and none), negative places too, and
    of lists of the classes' own words, its answers are those of the loop over every
    length, for every class, in every naming state."""
    import unicodedata

    from vanban.extract import vocabulary as v
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    rng = random.Random(11)
    pool = sorted({w for name in v.class_names() for p in v.phrases(name) for w in p})
    samples = []
    for _, text in _texts()[:3]:
        for make in STATES.values():
            written = make(text)
            folded = fold_ocr(written)
            spans = [(m.start(), m.end()) for m in re.finditer(r"[a-z0-9&]+", folded)][:150]
            plain = [folded[a:b] for a, b in spans]
            marked = [unicodedata.normalize("NFC", written[a:b]).lower() for a, b in spans]
            samples.append((plain, marked))
    for _ in range(100):
        plain = [rng.choice(pool) for _ in range(10)]
        samples.append((plain, [w if rng.random() < 0.5 else w + "\u0301" for w in plain]))
    found = 0
    for state in ("clean", "stripped", "garbled"):
        with names_read_from(state):
            for name in v.class_names():
                for plain, marked in samples:
                    for i in range(-3, len(plain) + 1):
                        for written in (None, marked):
                            got = v.phrase_at(plain, i, name, written)
                            assert got == _phrase_at_as_it_was(plain, i, name, written), (
                                name, plain[max(0, i) : i + 4], state)
                            found += got > 0
    assert found > 2000


def test_written_words_made_from_their_span_as_word_by_word() -> None:
    """`organisations.written_words` (the span the words cover composed and lowered once)
    gives each word as composing and lowering it alone does: every run of words of the real
    texts in three states, and random text of decomposed and composed letters, capitals,
    sigmas (whose lower case depends on the next letter) and 'İ' (two letters lowered)."""
    import unicodedata

    from vanban.extract import organisations

    rng = random.Random(13)
    alphabet = "aAeEoOđĐơƯ \u0301\u0300\u0303\u0323\u0309ΣσςİI-,.\n"
    texts = [make(text) for _, text in _texts()[:12] for make in STATES.values()]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
              for _ in range(5000)]
    word = re.compile(r"\S+")
    compared = 0
    for text in texts:
        words = list(word.finditer(text))
        for k in range(0, len(words), 7):
            run = words[k : k + rng.randint(1, 26)]
            expected = [unicodedata.normalize("NFC", text[w.start() : w.end()]).lower()
                        for w in run]
            assert organisations.written_words(text, run) == expected, repr(text[:60])
            compared += 1
    assert organisations.written_words("abc", []) == []
    assert compared > 5000


def test_line_breaks_found_from_each_break_as_the_patterns_find_them() -> None:
    """`_soft_wraps_spaced` (a task's text for its deadlines) and `_line_breaks` (the name
    readers' soft wraps), which look around each line break, give what their patterns give
    scanning every position: on real directives in three states, whole and as folded
    lines, lowered, and on made-up runs of letters, spaces, tabs and breaks."""
    from tests.states import texts_and_lines
    from vanban.extract import deadlines, tasks

    texts = texts_and_lines([DATA / "directives", SHARED / "devset" / "text"])
    rng = random.Random(7)
    pieces = ["a", "Z", "9", "é", ".", " ", "\t", "\n", "\n\n", "  \n", "\n\t "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
              for _ in range(3000)]
    for text in texts:
        for each in (text, text.lower()):
            spaced = deadlines._SOFT_WRAP.sub(lambda m: " " * len(m.group()), each)
            assert deadlines._soft_wraps_spaced(each) == spaced
            assert tasks._line_breaks(each) == [m.span() for m in
                                                tasks._LINE_BREAK.finditer(each)]


def test_a_form_found_as_words_literal_first_as_behind_its_lookbehind() -> None:
    """`directive._as_a_word` (a body's name looked for as words, its literal first) finds
    what `(?<!\\w)form(?!\\w)` finds, on real directives in three states with forms cut from
    them (any characters: parts of words, spaces, line breaks, marks) and names."""
    from tests.states import texts_and_lines
    from vanban.extract import directive

    rng = random.Random(11)
    for text in texts_and_lines([DATA / "directives", SHARED / "devset" / "text"]):
        forms = ["uy ban nhan dan", "so y te", "a", "ủy ban", "x.", "(b)"] + [
            text[at : at + rng.randint(1, 20)] for at in rng.sample(range(len(text)), 8)]
        for form in forms:
            expected = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
            assert [m.span() for m in re.finditer(directive._as_a_word(form), text)] == expected


def test_a_count_before_a_kind_found_first_character_first_as_behind_its_boundary() -> None:
    """`mentions._COUNTED_KIND` (its first character consumed, the word's start asserted
    behind it) finds what `\\b(?:cac|\\d{1,3})\\s+(?=[a-z])` finds, on real directives in
    three states, folded, from random places, and on counts of every length."""
    from tests.states import texts_and_lines
    from vanban.extract import mentions
    from vanban.folding import fold_ocr

    bounded = re.compile(r"\b(?:cac|\d{1,3})\s+(?=[a-z])")
    rng = random.Random(5)
    made = "cac 1 don 12 x 123 y 1234 z ccac cac, cac\tx 7\n8 a\n١٢ b 2cac c"
    found = 0
    for text in [made, *texts_and_lines([DATA / "directives", SHARED / "devset" / "text"])]:
        folded = fold_ocr(text)
        for pos in (0, *rng.sample(range(len(folded)), min(len(folded), 5))):
            expected = [m.span() for m in bounded.finditer(folded, pos)]
            assert [m.span() for m in mentions._COUNTED_KIND.finditer(folded, pos)] == expected
            found += len(expected)
    assert found > 1000


def test_a_typo_reach_read_to_a_stop_compares_as_the_whole() -> None:
    """`_typo_reach` read only as far as `stop` answers as the whole reading for every place
    up to `stop` (before it, or not): at every word of real directives in three states,
    each word end up to the key loop's and `_may_start`'s as the stop, and on spaces,
    dashes and commas that cut a word at the stop."""
    questions = _word_starts(8, 400, no_limit_is_the_end=True)
    compared = 0
    for _, _, folded, pos, limit in questions:
        ends = agency_phrases._word_ends(folded, pos, limit)
        if not ends:
            continue
        whole = agency_phrases._typo_reach(folded, pos, ends[-1])
        for stop in {*ends, *(e + 1 for e in ends if e < ends[-1])}:
            read = agency_phrases._typo_reach(folded, pos, ends[-1], stop)
            assert min(read, stop + 1) == min(whole, stop + 1), (folded[pos : ends[-1]], stop)
            compared += 1
    for folded in ("so tai-chinh, ke hoach", "so  tai\tchinh ke", "uy ban nhan dan-tinh x"):
        end = len(folded)
        whole = agency_phrases._typo_reach(folded, 0, end)
        for stop in range(1, end + 1):
            read = agency_phrases._typo_reach(folded, 0, end, stop)
            assert min(read, stop + 1) == min(whole, stop + 1), (folded, stop)
    assert compared > 10_000


def test_organisations_whose_first_word_opens_no_head_skipped_as_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`match_organisation` says None at once where its first word (no "các" or count
    before it) begins no phrase of `open_heads` (nor of `group_nouns` with `kinds`), and
    `_match_by_head` where the word at its head's place begins no `table_heads` phrase: at
    every word of real directives in three states, with and without a limit and `kinds`,
    the answers are those of the readers that read on; the words come from the
    vocabulary (a new head is never skipped)."""
    from vanban.extract import organisations
    from vanban.extract.vocabulary import phrases
    from vanban.normalize.text import names_read_from

    questions = _word_starts(8, 500, no_limit_is_the_end=True)

    def answers() -> list:
        out = []
        for state, written, folded, pos, limit in questions:
            with names_read_from(state):
                for kinds in (False, True):
                    out.append(organisations.match_organisation(written, folded, pos, limit,
                                                                kinds=kinds))
                out.append(agency_phrases._match_by_head(written, folded, pos, pos, limit))
        return out

    skipped = sum(not organisations.may_open_a_head(m.group())
                  for _, _, folded, pos, _ in questions
                  if (m := re.compile(r"[a-z0-9&]+").match(folded, pos)))
    gated = answers()

    class Everything(frozenset):
        def __contains__(self, item: object) -> bool:
            return True

    monkeypatch.setattr(organisations, "may_open_a_head", lambda word, kinds=False: True)
    monkeypatch.setattr(agency_phrases, "_HEAD_FIRSTS", Everything())
    assert answers() == gated
    assert sum(a is not None for a in gated) > 1000 and skipped > len(questions) // 4
    for name in ("open_heads", "group_nouns"):
        for phrase in phrases(name):
            assert organisations.may_open_a_head(phrase[0], kinds=True)
    assert all(organisations.may_open_a_head(p[0]) for p in phrases("open_heads"))
    assert all(p[0] in agency_phrases._HEAD_FIRSTS for p in phrases("table_heads"))


def _three_states() -> list[str]:
    """The real directives of tests/data and the seeds, clean, stripped and garbled."""
    return [make(text) for _, text in _texts() for make in STATES.values()]


def test_spans_blanked_from_slices_as_character_by_character() -> None:
    """`_blanked` joins the text from slices: it gives what blanking each span in a list
    of the text's characters gave, spans unsorted, touching or overlapping."""
    from vanban.extract.tasks import _blanked

    def by_characters(text: str, folded: str, spans: list[tuple[int, int]]) -> tuple[str, str]:
        chars, folds = list(text), list(folded)
        for a, b in spans:
            chars[a:b] = folds[a:b] = " " * (b - a)
        return "".join(chars), "".join(folds)

    rng = random.Random(21)
    for _ in range(5_000):
        text = "".join(rng.choice("aăđ \n;Ư") for _ in range(rng.randrange(40)))
        spans = [(a, min(len(text), a + rng.randrange(8)))
                 for a in (rng.randrange(len(text) + 1) for _ in range(rng.randrange(5)))]
        assert _blanked(text, text.upper(), spans) == by_characters(text, text.upper(), spans)


def test_inline_marks_from_their_brackets_as_the_pattern_finds_them() -> None:
    """`_inline_marks` finds each enumerator from its bracket and goes back over the spaces
    before it: the spans of the pattern that asserts the stop and space behind them."""
    from vanban.extract.tasks import _inline_marks
    from vanban.folding import UPPER

    pattern = re.compile(
        rf"(?<=[.:;][ \t])[ \t]*\((?:[ivx]{{1,4}}|\d{{1,2}})\)[ \t]*(?=[{UPPER}])")
    rng = random.Random(22)
    texts = _three_states()
    pieces = [".", ":", ";", " ", " ", "\t", "(i)", "(iv)", "(12)", "(123)", "(vvvvv)", "(", ")",
              "i", "Đ", "B", "b", "\n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(20))) for _ in range(20_000)]
    found = 0
    for text in texts:
        expected = [m.span() for m in pattern.finditer(text)]
        assert _inline_marks(text) == expected, text
        found += len(expected)
    assert found > 50


def test_spelled_dates_found_from_their_day_word_as_with_a_boundary_before() -> None:
    """`_SPELLED_DATE` asserts its word's start behind "ngay ": it mends what the pattern
    with the boundary before it mended."""
    from vanban import folding

    pattern = re.compile(folding._SPELLED_DATE.pattern.replace(
        r"(?P<d>ngay )(?<!\wngay )", r"(?P<d>\bngay )", 1))
    rng = random.Random(23)
    texts = [folding.fold(text) for text in _three_states()]
    # dates told in words and their look-alikes, after every kind of character
    before = ["", " ", "x", "đ", "\n", "/", "1", "ngay "]
    days, years = ["1", "l5", "2o", "123", "", "i|"], ["2o26", "2026", "1999", "202", "2026x"]
    for _ in range(20_000):
        texts.append(f"{rng.choice(before)}{rng.choice(['ngay ', 'ngay', 'ngayy '])}"
                     f"{rng.choice(days)} th{rng.choice('ax')}ng {rng.choice(days)} "
                     f"n{rng.choice('ao')}m {rng.choice(years)}{rng.choice(before)}")
    texts += [" ".join(rng.sample(texts, 3)) for _ in range(2_000)]  # several to a text
    mended = 0
    for text in texts:
        expected = pattern.sub(folding._spelled_date_mended, text)
        assert folding._SPELLED_DATE.sub(folding._spelled_date_mended, text) == expected
        mended += [m.span() for m in pattern.finditer(text)] != []
    assert mended > 50


def test_a_plans_whole_text_read_as_its_decisions() -> None:
    """The task readers read the whole text once a document (`_read_as_a_whole`): the
    second reading of the same text is the first's, another text or layout is read anew,
    and the readings are those of the readers asked apart."""
    from vanban.extract import tasks
    from vanban.extract.mentions import teams_named_in_full
    from vanban.folding import fold_ocr

    for text in _three_states()[:12]:
        folded = fold_ocr(text)
        for paragraphs in (False, True):
            whole, whole_folded = (text, folded) if paragraphs else tasks._soft_unwrapped(
                text, folded)
            whole, whole_folded = tasks._inline_marks_blanked(whole, whole_folded)
            expected = (whole, whole_folded, tuple(teams_named_in_full(whole, whole_folded)),
                        tasks._quoted_provisions(whole, whole_folded))
            first = tasks._read_as_a_whole(text, folded, paragraphs)
            assert first == expected
            assert tasks._read_as_a_whole(text, folded, paragraphs) is first
        copy = "".join(list(text))  # the same words, another text
        assert tasks._read_as_a_whole(copy, folded, True) is not first


def test_bodies_listed_after_a_kinds_first_word_as_after_every_count(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`bodies_listed` reads the words after a count or "các" only where the first is a
    kind's first word: it finds what reading them after every count found."""
    from vanban.extract import mentions
    from vanban.folding import fold_ocr

    texts = [(text, fold_ocr(text)) for text in _three_states()]
    texts += [(t, fold_ocr(t)) for t in (
        "Kiểm tra 03 đơn vị thi công, gồm: Công ty Ánh Dương, Công ty Bình Minh, Công ty An.",
        "Ý kiến của các đơn vị: Công ty Ánh Dương (Gói thầu số 13); Công ty Bình Minh (...).")]
    found = [mentions.bodies_listed(text, folded) for text, folded in texts]

    class Everything(frozenset):
        def __contains__(self, item: object) -> bool:
            return True

    monkeypatch.setattr(mentions, "_group_noun_firsts", lambda: Everything())
    assert [mentions.bodies_listed(text, folded) for text, folded in texts] == found
    assert sum(map(len, found)) >= 4


def test_recipients_cut_at_titles_only_in_lines_with_capitals_as_in_every_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`find_recipients` looks for a title or an authority to cut at only in a line with
    three capitals: it reads what looking in every line read."""
    from vanban.extract import signature
    from vanban.extract.lines import split_lines

    texts = [*_three_states(), "Nơi nhận:\n- Như trên;\n- CT, các PCT UBND tỉnh; Đỗ Minh Tuấn\n"
             "- Lưu: VT.   KT. CHỦ TỊCH\n- Sở Y tế;  PHÓ CHỦ TỊCH\n- các xã. GĐ\n"]
    lines = [split_lines(text) for text in texts]
    read = [signature.find_recipients(each[i:], 9) for each in lines
            for i, line in enumerate(each) if line.folded.startswith("noi nhan")]
    monkeypatch.setattr(signature, "capitals_in", lambda text: 3)
    assert [signature.find_recipients(each[i:], 9) for each in lines
            for i, line in enumerate(each) if line.folded.startswith("noi nhan")] == read
    assert sum(map(len, read)) > 50
