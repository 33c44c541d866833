"""Beam search over a stream of candidate sets with the syllable trigram model.

Each position carries candidates (syllable id, channel log-probability); context
positions carry one. Hypotheses that share their last two syllables are merged
(Viterbi recombination), then the beam keeps the best few.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from vanban.normalize.language_model import NgramModel

Candidates = tuple[tuple[int, float], ...]

BEAM = 6


def decode(
    model: NgramModel, positions: Sequence[Candidates], start: int
) -> tuple[list[int], list[float]]:
    """Best syllable id per position and its confidence; `start` is the boundary id.

    The confidence is the chosen syllable's share of the forward max-marginals at its
    position: cheap, and low exactly where the model hesitated between candidates.
    """
    v = model.size
    tri = model.tri
    bi = model.bi
    bo1 = model.bo1
    bo2 = model.bo2
    uni = model.uni
    exp = math.exp
    # state (prev2, prev1) → (score, path as nested pairs)
    # state (prev2, prev1) → score, and → path as nested (id, rest) pairs
    beam: dict[tuple[int, int], float] = {(start, start): 0.0}
    paths: dict[tuple[int, int], tuple | None] = {(start, start): None}
    margins: list[dict[int, float] | None] = []
    for cands in positions:
        nxt: dict[tuple[int, int], float] = {}
        nxt_paths: dict[tuple[int, int], tuple | None] = {}
        # Several states share their last syllable: their bigram scores are computed once.
        rows: dict[int, list[tuple[int, float, float]]] = {}
        for (a, b), score in beam.items():
            row = rows.get(b)
            if row is None:
                bv = b * v
                back1 = bo1[b]
                row = []
                for c, channel in cands:
                    lp2 = bi.get(bv + c)
                    row.append((c, channel, back1 + uni[c] if lp2 is None else lp2))
                rows[b] = row
            ab = a * v + b
            base = ab * v
            back2 = bo2.get(ab, 0.0)
            path = paths[(a, b)]
            for c, channel, lp2 in row:
                lp = tri.get(base + c)
                total = score + channel + (back2 + lp2 if lp is None else lp)
                key = (b, c)
                if total > nxt.get(key, -1e30):
                    nxt[key] = total
                    nxt_paths[key] = (c, path)
        if len(cands) > 1:
            best_by_c: dict[int, float] = {}
            for (_b, c), total in nxt.items():
                if total > best_by_c.get(c, -1e30):
                    best_by_c[c] = total
            margins.append(best_by_c)
        else:
            margins.append(None)
        if len(nxt) > BEAM:
            keep = sorted(nxt, key=nxt.__getitem__, reverse=True)[:BEAM]
            beam = {k: nxt[k] for k in keep}
        else:
            beam = nxt
        paths = nxt_paths
    path = paths[max(beam, key=beam.__getitem__)]
    out: list[int] = []
    while path is not None:
        out.append(path[0])
        path = path[1]
    out.reverse()
    confidence = [1.0] * len(out)
    for i, margin in enumerate(margins):
        if margin:
            top = max(margin.values())
            chosen = margin.get(out[i], top - 30.0)
            confidence[i] = exp(chosen - top) / sum(exp(s - top) for s in margin.values())
    return out, confidence
