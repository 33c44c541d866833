"""Syllable trigram model (interpolated Kneser-Ney, stored in back-off form).

Stored as a zip of flat arrays so loading is a few `frombytes` calls and dict builds,
not a parse. Keys pack syllable ids into one int: (a*V + b)*V + c.
"""

from __future__ import annotations

import json
import threading
import zipfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from vanban import user_cache
from vanban.normalize.tokens import SPECIALS

try:  # the beam search compiled (vanban/normalize/_beam.c); absent where it was not built
    from vanban.normalize import _beam
except ImportError:  # pragma: no cover - depends on the installation
    _beam = None

MODEL_NAME = "restore_model.zip"
_NGRAM_TABLES = ("bi", "tri", "bo2")
FORMAT_VERSION = 1


_LOCK = threading.RLock()


@dataclass
class NgramModel:
    vocab: list[str]
    uni: list[float]  # log P1(c)
    bo1: list[float]  # log back-off weight of a bigram context
    bi: dict[int, float]  # b*V + c → log P2(c | b)
    tri: dict[int, float]  # (a*V + b)*V + c → log P3(c | a b)
    bo2: dict[int, float]  # a*V + b → log back-off weight
    candidates: dict[str, tuple[int, ...]]  # folded syllable → ids, most frequent first
    meta: dict

    def __getattr__(self, name: str):
        # Only called for a missing attribute: the n-gram tables of a loaded model, built
        # on first use. Telling a text's state needs only the vocabulary, so a one-file run
        # over clean text never pays the ~0.1 s of building 430,000 dict entries.
        pending = self.__dict__.get("_pending")
        if name in _NGRAM_TABLES and pending is not None:
            with _LOCK:
                if "_pending" in self.__dict__:
                    for table, built in pending().items():
                        setattr(self, table, built)
                    del self.__dict__["_pending"]
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def warm(self) -> NgramModel:
        """Build the decoder's tables now rather than on first use (for timing them apart):
        the compiled ones where the decoder is compiled, else the Python dicts."""
        if self.native is None:
            getattr(self, "tri")  # noqa: B009 - through `__getattr__`, which builds all three
        return self

    @cached_property
    def native(self):
        """The n-gram tables as the compiled decoder's hash tables, or None without it.

        Built from the stored arrays, so a process that only decodes never builds the
        Python dicts (half a million boxed entries)."""
        if _beam is None:
            return None
        if "_source" in self.__dict__:
            raw = self._stored()
        else:  # a model built in memory (the builder, tests)
            raw = {name: _packed(getattr(self, name)) for name in _NGRAM_TABLES}
        return _beam.Tables(
            self.size, array("f", self.uni).tobytes(), array("f", self.bo1).tobytes(),
            *raw["bi"], *raw["tri"], *raw["bo2"],
        )

    @cached_property
    def index(self) -> dict[str, int]:
        return {s: i for i, s in enumerate(self.vocab)}

    @property
    def size(self) -> int:
        return len(self.vocab)

    # -- storage ---------------------------------------------------------------------

    def save(self, path: Path) -> None:
        def pack(code: str, values: Iterable[float | int]) -> bytes:
            return array(code, values).tobytes()

        meta = dict(self.meta, version=FORMAT_VERSION, vocab=self.vocab)
        meta["candidates"] = {k: list(v) for k, v in sorted(self.candidates.items())}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            zf.writestr("meta.json", json.dumps(meta, ensure_ascii=False))
            zf.writestr("uni.f32", pack("f", self.uni))
            zf.writestr("bo1.f32", pack("f", self.bo1))
            for name, table in (("bi", self.bi), ("tri", self.tri), ("bo2", self.bo2)):
                keys = sorted(table)
                zf.writestr(f"{name}.keys", pack("q", keys))
                zf.writestr(f"{name}.vals", pack("f", (table[k] for k in keys)))

    @classmethod
    def load(cls, path: Path | None = None) -> NgramModel:
        source = path or resources.files("vanban").joinpath("data", MODEL_NAME)
        with source.open("rb") as fh, zipfile.ZipFile(fh) as zf:
            meta = json.loads(zf.read("meta.json"))
            if meta.get("version") != FORMAT_VERSION:
                raise ValueError(f"restore model format {meta.get('version')} unsupported")

            def floats(name: str) -> list[float]:
                arr = array("f")
                arr.frombytes(zf.read(name))
                return arr.tolist()

            vocab = meta.pop("vocab")
            cands = {k: tuple(v) for k, v in meta.pop("candidates").items()}
            model = cls(
                vocab=vocab,
                uni=floats("uni.f32"),
                bo1=floats("bo1.f32"),
                bi={},
                tri={},
                bo2={},
                candidates=cands,
                meta=meta,
            )
        # The n-gram tables are read (6 MB inflated, 0.02 s) and built when first asked for
        # (`__getattr__`, `native`): telling a text's state needs only the vocabulary.
        for name in _NGRAM_TABLES:
            del model.__dict__[name]
        model.__dict__["_pending"] = model._built_tables
        model.__dict__["_source"] = source
        model.__dict__["_shipped"] = path is None
        return model

    def _stored(self) -> dict[str, tuple[bytes, bytes]]:
        """The n-gram tables' stored keys and values, read once from the model's file
        (the shipped model's inflated arrays, 14 MB and 0.05 s to inflate, from the
        command line's cache: `user_cache`)."""
        with _LOCK:
            raw = self.__dict__.get("_raw")
            if raw is None:
                source = self.__dict__["_source"]

                def read() -> dict[str, tuple[bytes, bytes]]:
                    with source.open("rb") as fh, zipfile.ZipFile(fh) as zf:
                        return {name: (zf.read(f"{name}.keys"), zf.read(f"{name}.vals"))
                                for name in _NGRAM_TABLES}

                shipped = self.__dict__.get("_shipped", False)
                raw = user_cache.cached("ngrams", read) if shipped else read()
                self.__dict__["_raw"] = raw
            return raw

    def _built_tables(self) -> dict[str, dict[int, float]]:
        built = {}
        for name, (key_bytes, value_bytes) in self._stored().items():
            keys, values = array("q"), array("f")
            keys.frombytes(key_bytes)
            values.frombytes(value_bytes)
            built[name] = dict(zip(keys.tolist(), values.tolist(), strict=True))
        return built

    def special(self, token: str) -> int:
        assert token in SPECIALS
        return self.index[token]


def _packed(table: dict[int, float]) -> tuple[bytes, bytes]:
    keys = sorted(table)
    return array("q", keys).tobytes(), array("f", (table[k] for k in keys)).tobytes()


_MODEL: NgramModel | None = None


def get_model() -> NgramModel:
    """The shipped model, loaded once per process."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = NgramModel.load()
    return _MODEL
