"""The compiled per-word loops of `_edits` (normalize/_words.c: `read_spans`,
`spell_segment`) leave the lists and edits the Python `_read_spans` and `_spell_segment`
leave, on real text and on lines made of it with capitals, acronyms, codes and numbers
put in at random, stripped and damaged.

An optional extension: where it was not built, the restorer runs the Python loops and
these comparisons are skipped, except under CI, which must have built it.
"""

from __future__ import annotations

import gc
import random
import re
from functools import partial
from pathlib import Path

from tests.compiled import on_ci, skip_unless_built
from vanban.folding import strip_diacritics
from vanban.normalize import diacritics
from vanban.normalize.garble import garble
from vanban.normalize.heldout import heldout_lines
from vanban.normalize.tokens import chunk_spans, span_memo

COMPILED = diacritics._compiled_words
needs_built = skip_unless_built(COMPILED is not None, "_words.c")
DATA = Path(__file__).parent / "data" / "directives"


@on_ci
def test_ci_builds_the_compiled_words() -> None:
    assert COMPILED is not None


def _restore_comparing(texts: list[str]) -> tuple[int, int]:
    """Respell `texts`, each call of the loops made by both on copies and compared:
    (lines read, segments spelled)."""
    seen = [0, 0]
    real = diacritics.read_spans, diacritics.spell_segment

    def read_spans(line, li, sp, lone_at, state, garbled, one, name_line, known, positions,
                   slots, run, seg_start, replacements, context):
        made = []
        for loop in (diacritics._read_spans, COMPILED.read_spans):
            lists = list(positions), list(slots), list(run), dict(replacements)
            out = loop(line, li, list(sp), lone_at, state, garbled, one, name_line, known,
                       *lists[:3], seg_start, lists[3], context)
            made.append((out, *lists))
        assert made[0] == made[1], line
        seen[0] += 1
        out, positions[:], slots[:], _run, edits = made[0]
        replacements.clear()
        replacements.update(edits)
        return out

    def spell_segment(best, post, slots, lo, vocab, nfc_lines, case, replacements,
                      confidences, changed):
        made = []
        for loop in (diacritics._spell_segment, COMPILED.spell_segment):
            lists = dict(replacements), list(confidences), (
                None if changed is None else dict(changed))
            loop(best, post, slots, lo, vocab, nfc_lines, case, *lists)
            made.append(lists)
        assert made[0] == made[1]
        seen[1] += 1
        replacements.clear()
        replacements.update(made[0][0])
        confidences[:] = made[0][1]
        if changed is not None:
            changed.clear()
            changed.update(made[0][2])

    diacritics.read_spans, diacritics.spell_segment = read_spans, spell_segment
    try:
        for text in texts:
            diacritics.respelled(text)
            diacritics.restore(text)
    finally:
        diacritics.read_spans, diacritics.spell_segment = real
    return seen[0], seen[1]


def _made_lines(count: int, seed: int) -> list[str]:
    """Real lines with capitals, acronyms, codes and numbers put in at random."""
    rng = random.Random(seed)
    lines = heldout_lines()[200:400]
    extra = ["UBND", "HĐND", "LĐ-TB&XH", "TN&MT", "123/QĐ-UBND", "số 45", "V/v", "(", ");",
             "Sở", "Ông", "Nguyễn Văn An", "I.", "a)", "-", "LIBND", "GTVT", "!", "o"]
    out = []
    for _ in range(count):
        words = rng.choice(lines).split()
        for _ in range(rng.randint(0, 4)):
            words.insert(rng.randint(0, len(words)), rng.choice(extra))
        case = rng.random()
        if case < 0.2:
            words = [w.upper() for w in words]
        elif case < 0.5:
            words = [w.capitalize() if rng.random() < 0.4 else w for w in words]
        out.append(" ".join(words))
    return out


@needs_built
def test_compiled_word_loops_equal_the_python_ones() -> None:
    diacritics.tables().forget()
    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:4]]
    lines = heldout_lines()[:100]
    made = _made_lines(300, seed=5)
    texts = documents + [strip_diacritics(d) for d in documents]
    texts += [garble(d, seed=k + 1) for k, d in enumerate(documents)]
    texts += [strip_diacritics("\n".join(made[:150])), garble("\n".join(made[150:]), seed=9)]
    texts += [strip_diacritics(line) for line in lines] + [
        garble(line, seed=k) for k, line in enumerate(made[:100])]
    read, spelled = _restore_comparing(texts)
    assert read > 500 and spelled > 200


@needs_built
def test_compiled_line_parsing_equals_the_python_one() -> None:
    tables = diacritics.tables()
    tables.forget()
    rng = random.Random(11)
    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:4]]
    lines = [line for d in documents for line in (d + "\n" + garble(d, seed=3)).split("\n")]
    lines += _made_lines(200, seed=13)
    pieces = ["UBND", "tỉnh", "a)", "(", "45/QĐ-UBND", "Sở,", "tinh", "@", "!", "x3", "-", ""]
    lines += [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
              for _ in range(300)]
    lines += ["", " ", "  a  b ", "a", "x  "]
    for line in lines:
        if not line.isprintable():
            continue
        spans, *counts = COMPILED.parse_line(line, tables.chunks, tables.chunk)
        assert (spans, diacritics._Counts(*counts)) == diacritics._parsed_chunks(tables, line)


@needs_built
def test_compiled_chunk_entry_equals_the_python_one() -> None:
    """`_Tables.chunk` compiled (`chunk_entry`) against the Python, each with its own memo of
    chunks, over the chunks of real lines in three states, of made lines and of pieces with
    symbols, digits and marks: the same entries, the spans and entries left untracked, the
    memo kept at its limit."""
    tables = diacritics.tables()
    tables.forget()
    rng = random.Random(17)
    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:6]]
    text = "\n".join(documents + _made_lines(300, seed=19))
    chunks = (text + strip_diacritics(text) + garble(text, seed=4)).split()
    pieces = ["UBND", "tỉnh", "a)", "(", "45/QĐ-UBND", "Sở,", "tinh", "@", "!", "x3", "-",
              "sông/kênh", "II.", "2021-2025", "15,5%", "ngày.", "…", "$", "đ", "lSnh", "c6c"]
    chunks += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
               for _ in range(2000)]
    memo: dict = {}
    compiled = partial(COMPILED.chunk_entry, memo, 256, span_memo(), chunk_spans, tables.words,
                       tables.word_class)
    for k, chunk in enumerate(chunks):
        if k % 997 == 0:
            tables.forget()  # spans and classes asked of the Python again
        made = compiled(chunk)
        assert made == tables.chunk(chunk), chunk
        assert memo[chunk] is made and compiled(chunk) is made and len(memo) <= 256
        assert not gc.is_tracked(made) and not any(gc.is_tracked(s) for s in made[0])
    assert tables.chunk_entry("Sở,") == tables.chunk("Sở,")


_LONE = re.compile(r"(?<![^\W\d_])[bcdđghklmnpqrstvx](?![^\W\d_])")


def _lone_consonant_lines(count: int, seed: int) -> list[str]:
    """Damaged real lines with lone consonants put in where a letter is itself (first on
    the line, after a number, a code, a comma or "điểm", before ")" or ".", last) and
    where it is a word that lost its vowel (between words)."""
    rng = random.Random(seed)
    lines = [garble(line, seed=k) for k, line in enumerate(heldout_lines()[:240])]
    letters = [*sorted(diacritics.LOST_VOWEL_LETTERS), "a", "o", "B", "Đ"]
    places = ["{} ", "điểm {}", "Điểm {}", "ĐIỂM {}", "diem {}", "100 {}", "45/QĐ-UBND {}",
              ", {}", "{})", "{}.", "({})", "{} ngày", "yêu cầu: {}", "{},", "- {}", "{}"]
    out = []
    for _ in range(count):
        words = rng.choice(lines).split()
        for _ in range(rng.randint(1, 4)):
            piece = rng.choice(places).format(rng.choice(letters))
            words.insert(rng.randint(0, len(words)), piece)
        out.append(" ".join(words))
    return out


@needs_built
def test_compiled_word_loops_tell_a_lone_letter_as_the_python_ones() -> None:
    diacritics.tables().forget()
    made = _lone_consonant_lines(400, seed=17)
    assert sum(bool(_LONE.search(line)) for line in made) > 350
    texts = ["\n".join(made[:200]), "\n".join(made[200:300]), *made[300:]]
    texts += [garble(p.read_text(encoding="utf-8"), seed=k + 21)
              for k, p in enumerate(sorted(DATA.glob("*.txt"))[4:8])]
    read, spelled = _restore_comparing(texts)
    assert read > 400 and spelled > 100


@needs_built
def test_compiled_weighting_equals_the_python_one() -> None:
    index = diacritics.tables().index
    rng = random.Random(23)
    words = {w.lower() for k, line in enumerate(heldout_lines()[:120])
             for w in garble(line, seed=k).split() if len(w) <= 9}
    founds = [index.garbled(w) for w in sorted(words)]
    founds += [tuple((rng.randrange(index.model.size), rng.choice((0.0, 0.6, rng.random() * 3.6)))
                     for _ in range(rng.randint(0, 14))) for _ in range(300)]
    assert sum(bool(found) for found in founds) > 300
    for found in founds:
        for weight in (diacritics.CHANNEL_WEIGHT, diacritics.ONE_ACCENT_CHANNEL,
                       diacritics.CHANNEL_WEIGHT * diacritics.WRITTEN_VIETNAMESE,
                       diacritics.CHANNEL_WEIGHT * diacritics.PLAIN_SYLLABLE, 0.0, 1):
            made = COMPILED.weighted(found, weight)
            expected = tuple((i, -weight * cost) for i, cost in found)
            assert made == expected
            assert [type(c) for _, c in made] == [type(c) for _, c in expected]
            # numbers only: nothing the collector need walk
            assert not gc.is_tracked(made) and not any(gc.is_tracked(pair) for pair in made)


@needs_built
def test_compiled_kept_edits_equal_the_python_ones() -> None:
    """`respelled`'s steps over a line's edits, on real damaged documents and lines, each
    call made by both loops (with the model's threshold and others) and compared: the kept
    edits, the shift, the offsets and which edits were asked about."""
    diacritics.tables().forget()
    seen = [0, 0]
    real = diacritics.kept_edits
    rng = random.Random(29)

    def both(li, line, line_start, shift, line_edits, posteriors, sure, keep_unsure, edits):
        made = []
        for sure_ in (sure, rng.choice((0.0, 0.5, 0.95, 1, 2.0))):
            for loop in (diacritics._kept_edits, COMPILED.kept_edits):
                asked: list = []

                def keep(*args, asked=asked):
                    asked.append(args)
                    return keep_unsure(*args)

                out = list(edits)
                kept, after = loop(li, line, line_start, shift, list(line_edits), posteriors,
                                   sure_, keep, out)
                made.append((kept, after, out, asked))
        assert made[0] == made[1] and made[2] == made[3], line
        seen[0] += 1
        seen[1] += len(made[0][3])
        edits[:] = made[0][2]
        return made[0][0], made[0][1]

    def as_written(word: str, reading: str) -> bool:
        return len(word) % 2 == 0

    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:6]]
    texts = [garble(d, seed=k + 31) for k, d in enumerate(documents)]
    texts += ["\n".join(garble(line, seed=k) for k, line in enumerate(_made_lines(200, seed=7)))]
    diacritics.kept_edits = both
    try:
        for text in texts:
            diacritics.respelled(text, document_state="garbled", read_as_written=as_written)
            diacritics.respelled(strip_diacritics(text))
    finally:
        diacritics.kept_edits = real
    assert seen[0] > 300 and seen[1] > 30
