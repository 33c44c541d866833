"""Tables built from vanban's data come from the user's cache in later runs of the command
(`user_cache.cached`): the same tables, the same records, rebuilt when the installation
changes or the file is damaged, and nothing read or written unless the command asks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vanban import user_cache
from vanban.normalize import domain

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("VANBAN_NO_CACHE", raising=False)
    monkeypatch.setitem(user_cache._STATE, "enabled", True)
    return tmp_path / "vanban"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_table_is_built_once_then_read(cache: Path) -> None:
    table = {("so", "noi", "vu"): ("sở", "nội", "vụ"), ("a",): ("á",)}
    build, calls = _counting(table)
    assert user_cache.cached("t", build) == table
    assert user_cache.cached("t", build) == table
    assert len(calls) == 1
    assert len(list(cache.glob("t-*.bin"))) == 1


def test_another_installation_builds_afresh(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build, calls = _counting([1, 2, 3])
    user_cache.cached("t", build)
    place, _ = user_cache._installation()
    # as after an edit of any file of the package: the same place, another state
    monkeypatch.setattr(user_cache, "_installation", lambda: (place, "changed"))
    assert user_cache.cached("t", build) == [1, 2, 3]
    assert len(calls) == 2
    assert user_cache.cached("t", build) == [1, 2, 3]
    assert len(calls) == 2  # and the file now holds the new state's


def test_the_installation_key_follows_the_package_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every file of the package, by size and time, is in the key (sources and data/)
    package = tmp_path / "vanban"
    (package / "data").mkdir(parents=True)
    (package / "domain.py").write_text("x = 1\n")
    (package / "data" / "terms.txt").write_text("sở nội vụ\n")
    monkeypatch.setattr(user_cache, "_PACKAGE", package)
    keys = []
    for edit in (None, package / "domain.py", package / "data" / "terms.txt"):
        if edit is not None:
            stat = edit.stat()
            os.utime(edit, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        user_cache._installation.cache_clear()
        keys.append(user_cache._installation())
    (package / "data" / "terms.txt").write_text("sở nội vụ, sở y tế\n")
    user_cache._installation.cache_clear()
    keys.append(user_cache._installation())
    user_cache._installation.cache_clear()
    assert len({state for _, state in keys}) == 4
    assert len({place for place, _ in keys}) == 1


def test_a_damaged_file_is_built_again(cache: Path) -> None:
    build, calls = _counting({"x": (1, 2)})
    user_cache.cached("t", build)
    (stored,) = cache.glob("t-*.bin")
    stored.write_bytes(stored.read_bytes()[:5])
    assert user_cache.cached("t", build) == {"x": (1, 2)}
    stored.write_bytes(b"\x00garbage")
    assert user_cache.cached("t", build) == {"x": (1, 2)}
    assert len(calls) == 3
    assert user_cache.cached("t", build) == {"x": (1, 2)}
    assert len(calls) == 3


def test_nothing_is_kept_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    build, calls = _counting((1,))
    monkeypatch.setitem(user_cache._STATE, "enabled", False)  # a program importing vanban
    user_cache.cached("t", build)
    monkeypatch.setitem(user_cache._STATE, "enabled", True)
    monkeypatch.setenv("VANBAN_NO_CACHE", "1")  # or a user saying no
    user_cache.cached("t", build)
    assert len(calls) == 2
    assert not (tmp_path / "vanban").exists()


def test_the_unit_lexicon_read_back_is_the_one_built() -> None:
    built = domain._build_unit_lexicon()
    import marshal

    read = domain.UnitLexicon.from_parts(marshal.loads(marshal.dumps(built.parts())))
    assert read.terms == built.terms and read.names == built.names
    assert read.longest == built.longest and read.starts == built.starts
    assert len(built.terms) > 500 and len(built.names) > 5000
    assert all(not u.proper for u in read.terms.values())
    assert all(u.proper for u in read.names.values())


def test_records_are_the_same_with_the_tables_read(tmp_path: Path) -> None:
    """A stripped and a garbled letter, read with no cache, then with the tables built
    and stored, then read from the cache: the same records."""
    from vanban.folding import strip_diacritics
    from vanban.normalize.garble import garble

    letter = (ROOT / "tests" / "data" / "directives").glob("*.txt")
    text = next(iter(sorted(letter))).read_text(encoding="utf-8")
    files = [tmp_path / "stripped.txt", tmp_path / "garbled.txt"]
    files[0].write_text(strip_diacritics(text), encoding="utf-8")
    files[1].write_text(garble(text, seed=4), encoding="utf-8")
    outputs = []
    for setting in ({"VANBAN_NO_CACHE": "1"}, {}, {}):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "c"),
               **setting}
        if not setting:
            env.pop("VANBAN_NO_CACHE", None)
        out = tmp_path / f"out{len(outputs)}"
        subprocess.run([sys.executable, "-m", "vanban", "extract", "--out", str(out),
                        *map(str, files)], env=env, check=True, timeout=300,
                       capture_output=True)
        outputs.append([[line for line in (out / f"{f.stem}.json").read_text().splitlines()
                         if '"processed_at"' not in line] for f in files])
        if len(outputs) == 1:
            assert not (tmp_path / "c").exists()
    stored = {p.name.split("-")[0] for p in (tmp_path / "c" / "vanban").glob("*.bin")}
    assert {"unit", "common", "ngrams", "garbled", "name", "canonical", "start", "near",
            "spelled"} <= stored
    assert outputs[0] == outputs[1] == outputs[2]
    assert any('"original":' in line for line in outputs[0][1])  # the restorer was used


def test_the_name_tables_read_back_are_the_ones_built() -> None:
    import marshal

    from vanban.normalize import agencies
    from vanban.normalize.lexicon import PhraseLexicon

    built = agencies._build_name_lexicon()
    read = PhraseLexicon.from_parts(marshal.loads(marshal.dumps(built.parts())))
    assert read.parts() == built.parts() and len(built.parts()[0]) > 1000
    for text in ("cac so, ban, nganh", "UBND TINH QUANG NGAI", "So Noi vu chu tri"):
        assert read.restore(text) == built.restore(text)
    names = agencies._build_canonical_names()
    assert marshal.loads(marshal.dumps(names)) == names
    from vanban.extract import agency_phrases

    near = agency_phrases._build_near_words()
    assert marshal.loads(marshal.dumps(near)) == near and len(near) > 10
    from vanban.normalize.diacritics import tables
    from vanban.normalize.spelled_names import SpelledNames, spelled_names

    spelled = spelled_names(tables().model.index)
    assert SpelledNames(*marshal.loads(marshal.dumps(tuple(spelled)))) == spelled
    assert len(spelled.exact) > 100


def test_no_home_and_no_package_files_mean_no_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(user_cache._STATE, "enabled", True)
    monkeypatch.delenv("VANBAN_NO_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    build, calls = _counting({"a": 1})
    assert user_cache.cached("t", build) == user_cache.cached("t", build) == {"a": 1}
    assert len(calls) == 2
    # a package whose files cannot be listed (inside a zip file): nothing to key on
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(user_cache, "_PACKAGE", tmp_path / "missing")
    user_cache._installation.cache_clear()
    try:
        assert user_cache.cached("t", build) == {"a": 1}
        assert user_cache.cached("t", build) == {"a": 1}
        assert len(calls) == 4
        assert not (tmp_path / "vanban").exists()
    finally:
        user_cache._installation.cache_clear()
