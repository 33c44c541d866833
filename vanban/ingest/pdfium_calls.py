"""pdfium's functions called without ctypes' per-argument type conversion.

pypdfium2 declares every function's argument types, and ctypes then converts each
argument on each call: three times the cost of a call that reads a character's box or
an object's type, which a page makes thousands of. These are the same functions taken
by address, given arguments already of the C types they take (pointers as
`ctypes.c_void_p`, ints, `byref`s), and returning what they return.

Where `_pdfium_loops` (C) was built, the loops that make these calls thousands of times
a page run there, calling the same functions by the same addresses (`address`).
"""

from __future__ import annotations

import ctypes
import functools

import pypdfium2.raw as raw

try:
    from vanban.ingest import _pdfium_loops as loops
except ImportError:  # not built: the Python loops, the same results
    loops = None


class Handle(ctypes.c_void_p):
    """A pdfium object as a call returns it: a subclass, so ctypes hands it back as is,
    ready for the next call, rather than as an int."""


def handle(obj) -> ctypes.c_void_p:
    """A pypdfium2 object's raw pointer, as these calls take it."""
    return ctypes.cast(obj.raw, ctypes.c_void_p)


def address(function) -> int:
    """A pdfium function's address, as the compiled loops take it."""
    return ctypes.cast(function, ctypes.c_void_p).value


def _direct(function, result):
    return ctypes.CFUNCTYPE(result)(ctypes.cast(function, ctypes.c_void_p).value)


@functools.cache
def charbox():
    """FPDFText_GetCharBox(textpage, index, &left, &right, &bottom, &top)."""
    return _direct(raw.FPDFText_GetCharBox, ctypes.c_int)


@functools.cache
def objects():
    """FPDFPage_GetObject(page, index) -> object, FPDFPageObj_GetType(object),
    FPDFPageObj_GetBounds(object, &left, &bottom, &right, &top),
    FPDFTextObj_GetTextRenderMode(object)."""
    return (_direct(raw.FPDFPage_GetObject, Handle), _direct(raw.FPDFPageObj_GetType, ctypes.c_int),
            _direct(raw.FPDFPageObj_GetBounds, ctypes.c_int),
            _direct(raw.FPDFTextObj_GetTextRenderMode, ctypes.c_int))


@functools.cache
def removal():
    """FPDFPage_RemoveObject(page, object), FPDFPageObj_Destroy(object)."""
    return (_direct(raw.FPDFPage_RemoveObject, ctypes.c_int),
            _direct(raw.FPDFPageObj_Destroy, None))
