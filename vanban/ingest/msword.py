"""Word 97-2003 (.doc) files, read through antiword (Debian's `antiword`).

antiword writes the document's text as UTF-8, paragraphs one a line and a table's rows
as "|cell|cell|" lines, which the task-table reader takes as they are. Its page width
is turned off (`-w 0`) so a paragraph stays one line, as a typed directive has it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from vanban.errors import CorruptFileError, MissingDependencyError

_INSTALL = "antiword is not installed (Debian: apt-get install antiword)"
# antiword's placeholder for a picture, and the padding it puts in table cells
_PICTURE = re.compile(r"\[pic\]")
_CELL_PAD = re.compile(r" +\|")


def read_doc(data: bytes, *, name: str, timeout: float = 60.0) -> str:
    """The text of a Word 97 document; CorruptFileError when antiword cannot read it."""
    exe = shutil.which("antiword")
    if exe is None:
        raise MissingDependencyError(_INSTALL)
    try:
        result = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", "-"], input=data,
                                capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise CorruptFileError(f"{name}: antiword took longer than {timeout:g} s") from None
    except FileNotFoundError:
        raise MissingDependencyError(_INSTALL) from None
    text = result.stdout.decode("utf-8", errors="replace")
    if result.returncode != 0 or not text.strip():
        why = result.stderr.decode(errors="replace").strip().splitlines()
        reason = why[-1] if why else "no text"
        reason = f"the file{reason[1:]}" if reason.startswith("- ") else reason
        raise CorruptFileError(f"{name}: Word 97 document cannot be read ({reason})")
    text = _PICTURE.sub("", text)
    return "\n".join(_CELL_PAD.sub(" |", line).strip() for line in text.splitlines())
