"""What the command line compiles as it starts, kept between runs, as `__pycache__`
keeps byte code: its regular expressions, its dataclasses' methods and its annotations.

A one-file `vanban extract` compiles some 300 patterns (typer's, the pipeline's: 0.08 s
of a 0.39 s run), the source of 80 dataclasses' generated methods (0.03 s) and 800
string annotations that pydantic reads in the record types (0.025 s) while its modules
load, in every run. What `re`'s compiler hands to `_sre.compile` depends only on the
pattern, its flags and the interpreter, and compiled code only on its source and the
interpreter: both are kept in a file of the user's cache folder (`user_cache`), under the
interpreter's release and the engine's version, and used directly the next time (the
engine checks the code it is given, as it does any). What the file lacks is compiled as
usual, and added at exit if it was compiled while the modules loaded (`started`) and
the file lacked more than a few entries. No file, an unreadable or foreign one, an
unwritable folder: everything is compiled as without it.

Only the command installs it (`vanban/__main__.py`): a program that imports vanban keeps
its own `re`, `dataclasses` and `typing`.
"""

from __future__ import annotations

import _sre
import atexit
import builtins
import dataclasses
import sys
import threading
import typing
from re import _compiler  # type: ignore[attr-defined]

from vanban import user_cache

# A file that would grow past this many entries (patterns and code of older versions,
# of other installations) keeps only what this run used.
_MAX_ENTRIES = 4000
_WORTH_WRITING = 3  # entries a file lacks (see `_save`)
_DEBUG = 128  # re.DEBUG: such a compile prints, and is never cached
_STATE = {"starting": True}


def _file() -> str:
    """One file per interpreter (its byte code); its key, the release (case folding
    follows its Unicode tables) and the engine's version."""
    return f"start-{sys.implementation.cache_tag}.bin"


_KEY = (sys.hexversion, _sre.MAGIC)


class _Recorder:
    """`_sre` as `re._compiler` sees it once installed: every call goes to the engine; the
    arguments of the last `compile` are kept (per thread), to be stored."""

    def __init__(self, engine) -> None:
        self._engine = engine
        self.last = threading.local()

    def compile(self, *args):
        self.last.args = args
        return self._engine.compile(*args)

    def __getattr__(self, name: str):
        return getattr(self._engine, name)


def started() -> None:
    """The command's modules are loaded: what is compiled from now on is not kept (it is
    the documents' business)."""
    _STATE["starting"] = False


def install() -> None:
    """Compile through the cache file from now on (once a process; later calls do
    nothing). `user_cache.enable()` first, or nothing is read nor written."""
    if isinstance(_compiler._sre, _Recorder):
        return
    patterns, code = _read()
    added: tuple[dict, dict] = ({}, {})
    used: set = set()
    _compiler._sre = recorder = _Recorder(_sre)
    _compiler.compile = _patterns(_compiler.compile, recorder, patterns, added[0], used)
    # dataclasses compiles each class's methods from source with `exec`, typing each
    # string annotation pydantic reads (some 800) with `compile`: both are found among
    # their module's globals before the builtins
    compile_cached = _code(code, added[1], used)
    dataclasses.exec = _exec(compile_cached)
    typing.compile = compile_cached
    atexit.register(_save, (patterns, code), added, used)


def _patterns(compile_, recorder: _Recorder, known: dict, added: dict, used: set):
    def compile_cached(p, flags=0):
        if not isinstance(p, str | bytes) or flags & _DEBUG:
            return compile_(p, flags)
        key = (p, flags)  # a str and a bytes pattern never compare equal
        args = known.get(key)
        if args is not None:
            try:
                pattern = _sre.compile(*args)
                used.add(key)
                return pattern
            except Exception:  # a damaged entry: compiled afresh, and stored again
                known.pop(key, None)
        pattern = compile_(p, flags)
        args = getattr(recorder.last, "args", None)
        if args is not None and args[0] is p and _STATE["starting"]:
            added[key] = args
        return pattern

    return compile_cached


def _code(known: dict, added: dict, used: set):
    """`compile`, taking a source it has seen from `known` (what it compiles goes to
    `added`, what it took to `used`). For modules without __future__ imports, as the two
    it is given to are."""
    code_type = type(_code.__code__)

    def compile_cached(source, filename, mode, flags=0, dont_inherit=False, optimize=-1):
        if not isinstance(source, str) or flags:
            return compile(source, filename, mode, flags, True, optimize)
        key = (source, filename, mode, optimize)
        code = known.get(key)
        if isinstance(code, code_type):
            used.add(key)
        else:
            # the caller's __future__ imports are none: this module's are not inherited
            code = compile(source, filename, mode, 0, True, optimize)
            if _STATE["starting"]:
                added[key] = code
        return code

    return compile_cached


def _exec(compile_cached):
    """`exec` whose string sources are compiled through `compile_cached`."""
    def exec_cached(source, globals=None, locals=None, /, **options):
        if globals is None:  # the caller's namespace, as `exec` would take it
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = compile_cached(source, "<string>", "exec")
        return builtins.exec(source, globals, locals, **options)

    return exec_cached


def _plain(value):
    """The code list with plain ints: the compiler writes named constants (an int
    subclass), which marshal cannot write; the engine reads either alike."""
    if isinstance(value, list):
        return [int(v) for v in value]
    return value


def _read() -> tuple[dict, dict]:
    tables = user_cache.read(_file(), _KEY)
    if (not isinstance(tables, tuple) or len(tables) != 2
            or not all(isinstance(t, dict) for t in tables)):
        return {}, {}
    return tables


def _save(known: tuple[dict, dict], added: tuple[dict, dict], used: set) -> None:
    count, new = sum(map(len, known)), sum(map(len, added))
    # A few entries missing from a file are not worth writing it again: some differ in
    # every run (pydantic has `inspect` tokenize a signature, and `tokenize` builds its
    # pattern from a set, in the order of the process's string hashes)
    if new < _WORTH_WRITING:
        return
    if count + new > _MAX_ENTRIES:
        known = tuple({k: v for k, v in table.items() if k in used} for table in known)
    patterns = {**known[0], **{k: tuple(map(_plain, v)) for k, v in added[0].items()}}
    user_cache.write(_file(), _KEY, (patterns, {**known[1], **added[1]}))
