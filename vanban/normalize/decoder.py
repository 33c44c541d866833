"""Beam search over a stream of candidate sets with the syllable trigram model.

Each position carries candidates (syllable id, channel log-probability); context
positions carry one. Hypotheses that share their last two syllables are merged
(Viterbi recombination), then the beam keeps the best few, and only those within
`MARGIN` of the best: on most positions the model is sure, and one to three states
carry on instead of sixteen.

States are packed into one int (a*V + b), as the model's keys are. The beam is grouped
by its last syllable b: the states of one group share their bigram row, and those whose
two-syllable context has no trigram at all (most of them) differ only by their score,
so only the best of them is extended. Back-pointers are one dict per position.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from vanban.normalize.language_model import NgramModel

Candidates = tuple[tuple[int, float], ...]

# Sixteen rather than six since the search is compiled: +0.1 point of syllables on the
# held-out text, the seeds and the devset alike, for 3% (stripped) to 14% (garbled) more
# time in `restore`.
BEAM = 16
# States scoring more than this below the best (natural log) are dropped. Measured on
# the held-out text: 10 loses nothing against an unpruned beam.
MARGIN = 10.0
_NONE = -1e30
# Bigram rows per previous syllable are kept for each candidate set within one call (a
# text repeats its words). Not across calls: kept for every set a process met, they grew
# to hundreds of MB over a varied archive, and collecting them cost more than they saved.
_ROWS_PER_SET = 64


def decode(
    model: NgramModel, positions: Sequence[Candidates], start: int
) -> tuple[list[int], list[float]]:
    """Best syllable id per position and its confidence; `start` is the boundary id.

    The confidence is the chosen syllable's share of the forward max-marginals at its
    position: cheap, and low exactly where the model hesitated between candidates.
    The compiled search (`_beam.c`) when it was built, else the same search in Python.
    """
    native = model.native
    if native is not None:
        return native.decode(positions, start, BEAM, MARGIN)
    return decode_python(model, positions, start)


def decode_python(
    model: NgramModel, positions: Sequence[Candidates], start: int
) -> tuple[list[int], list[float]]:
    """`decode` in Python: the reference the compiled search must agree with."""
    v = model.size
    tri = model.tri  # (a*V + b)*V + c → log P3(c | a b)
    bo2 = model.bo2  # a*V + b → log back-off weight, for exactly the contexts of `tri`
    bi = model.bi
    bo1 = model.bo1
    uni = model.uni
    beam: dict[int, float] = {start * v + start: 0.0}
    backs: list[dict[int, int]] = []
    margins: list[tuple[Candidates, list[float]] | None] = []
    # id(candidate set) → (the set, kept so that its id stays its own; previous syllable → row)
    rows: dict[int, tuple[Candidates, dict[int, list]]] = {}
    for cands in positions:
        # Group the beam by last syllable: (best state without trigram context, its
        # score, [(state, score, back-off + score, trigram row)] of the others).
        groups: dict[int, list] = {}
        for ab, score in beam.items():
            b = ab % v
            group = groups.get(b)
            if group is None:
                group = groups[b] = [-1, _NONE, []]
            weight = bo2.get(ab)
            if weight is None:  # no trigram has this context: one lookup, not one per syllable
                if score > group[1]:
                    group[0] = ab
                    group[1] = score
            else:
                group[2].append((ab, score, score + weight, ab * v))
        nxt: dict[int, float] = {}
        back: dict[int, int] = {}
        column = [_NONE] * len(cands)
        entry = rows.get(id(cands))
        if entry is None:
            entry = rows[id(cands)] = (cands, {})
        cached = entry[1]
        for b, (plain_ab, plain_score, seen) in groups.items():
            brow = cached.get(b)
            if brow is None:
                bv = b * v
                back1 = bo1[b]
                brow = []
                for j, (c, channel) in enumerate(cands):
                    lp2 = bi.get(bv + c)
                    if lp2 is None:
                        lp2 = back1 + uni[c]
                    brow.append((j, c, channel, lp2 + channel, bv + c))
                if len(cached) < _ROWS_PER_SET:
                    cached[b] = brow
            for j, c, channel, lp2, key in brow:
                best = plain_score + lp2
                arg = plain_ab
                for ab, score, backed, abv in seen:
                    lp = tri.get(abv + c)
                    total = backed + lp2 if lp is None else score + channel + lp
                    if total > best:
                        best = total
                        arg = ab
                nxt[key] = best
                back[key] = arg
                if best > column[j]:
                    column[j] = best
        margins.append((cands, column) if len(cands) > 1 else None)
        backs.append(back)
        if len(nxt) > 1:
            # the best state kept, not the best column: a candidate given twice keeps only
            # its last entry, which need not be its best
            floor = max(nxt.values()) - MARGIN
            beam = {k: s for k, s in nxt.items() if s >= floor}
            if len(beam) > BEAM:
                keep = sorted(beam, key=beam.__getitem__, reverse=True)[:BEAM]
                beam = {k: beam[k] for k in keep}
        else:
            beam = nxt
    key = max(beam, key=beam.__getitem__)
    out: list[int] = []
    for back in reversed(backs):
        out.append(key % v)
        key = back[key]
    out.reverse()
    return out, _confidences(out, margins)


def _confidences(
    out: list[int], margins: list[tuple[Candidates, list[float]] | None]
) -> list[float]:
    exp = math.exp
    confidence = [1.0] * len(out)
    for i, margin in enumerate(margins):
        if margin is None:
            continue
        cands, column = margin
        top = max(column)
        total = 0.0
        chosen = 0.0
        for (c, _), s in zip(cands, column, strict=True):
            p = exp(s - top)
            total += p
            if c == out[i]:
                chosen = p
        confidence[i] = chosen / total
    return confidence
