"""Atomic writes leave a whole file, readable as any file the user writes."""

import os
import stat

from vanban.fsutil import write_atomic


def test_an_atomic_write_is_whole_and_as_readable_as_the_umask_allows(tmp_path):
    target = tmp_path / "store" / "record.json"
    write_atomic(target, "{}")
    write_atomic(target, '{"a": 1}')
    assert target.read_text() == '{"a": 1}'
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["record.json"]  # no temporary left
