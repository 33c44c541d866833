"""What the tests of a compiled module share: where the module was built they compare it
with the Python it replaces, else they are skipped; CI, which installs the package with a
C compiler, must have built it."""

from __future__ import annotations

import os

import pytest


def skip_unless_built(built: bool, what: str) -> pytest.MarkDecorator:
    """A comparison skipped where `what` was not built (the build is optional)."""
    return pytest.mark.skipif(not built, reason=f"{what} was not built")


# (a module not built is a failure only where a C compiler is sure to be)
on_ci = pytest.mark.skipif(not os.environ.get("CI"), reason="only CI must have a C compiler")
