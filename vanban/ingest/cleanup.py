"""Text clean-up every ingest path applies, so extraction sees one alphabet.

NFC composition, no zero-width or private-use characters, no combining marks
left over from broken composition, Unix line ends. Offsets are into the
cleaned text, which is the text the record keeps.
"""

import re
import unicodedata

_INVISIBLE = r"\u200b-\u200d\u2060\ufeff\u00ad"
_PRIVATE_USE = r"\ue000-\uf8ff"
_COMBINING = r"\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# All three dropped in one pass: single characters of sets apart from the spaces'.
_DROPPED = re.compile(f"[{_INVISIBLE}{_PRIVATE_USE}{_COMBINING}]")
# Tabs stay: they keep the cells of a table's row apart.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


_LOOKALIKES = (("Ð", "Đ"), ("ð", "đ"), ("\u2044", "/"), ("\u2215", "/"))
# Runs of blank lines and of spaces carry nothing past a few, and rules that scan
# whitespace before a word (`\s*chủ trì`) cost the square of a run's length: 20,000
# blank lines in a paragraph took 23 s. Text and Word files are squeezed; a page's
# layout (PDF, OCR) is bounded by the page already.
MAX_BLANK_LINES = 8
MAX_SPACES = 256
_BLANK_RUN = re.compile(rf"\n(?:[ \t]*+\n){{{MAX_BLANK_LINES + 1},}}+")
# (one space or tab first: the engine then skips to where one is)
_SPACE_RUN = re.compile(rf"([ \t][ \t]{{{MAX_SPACES - 1}}})[ \t]++")
_LONG_RUN = " " * (MAX_SPACES + 1)  # what `_SPACE_RUN` finds, tabs read as spaces


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Icelandic eth looks like Vietnamese đ, and OCR models emit it for đ; Tesseract reads
    # the slash of a handwritten or stamped "1105/KH" as a fraction or division slash.
    # (`replace`, not `translate`: a small table costs a failed lookup for every other
    # character.)
    for lookalike, letter in _LOOKALIKES:
        if lookalike in text:
            text = text.replace(lookalike, letter)
    text = unicodedata.normalize("NFC", text)
    # zero-width and private-use characters go; so does a combining mark that NFC could
    # not attach to a letter (OCR debris)
    text = _DROPPED.sub("", text)
    return _SPACES.sub(" ", text)


def squeeze_runs(text: str) -> str:
    """At most MAX_BLANK_LINES blank lines and MAX_SPACES spaces or tabs in a row."""
    text = _BLANK_RUN.sub("\n" * (MAX_BLANK_LINES + 1), text)
    # (the pattern is tried at every space; a substring search tells first, and faster,
    # whether any run is that long: nearly no text has one)
    if _LONG_RUN not in (text.replace("\t", " ") if "\t" in text else text):
        return text
    return _SPACE_RUN.sub(r"\1", text)
