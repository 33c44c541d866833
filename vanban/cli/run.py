"""`vanban watch` and `vanban batch`: filling the store."""

from __future__ import annotations

import logging
import sys
import threading
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from vanban import corpus
from vanban.cli import app, quiet
from vanban.cli import options as shared
from vanban.cli.store import STORE_HELP, fail
from vanban.errors import InboxBusyError, VanbanError
from vanban.names import printable
from vanban.runs.batch import BatchReport, FileResult, run_batch
from vanban.runs.hooks import Hooks
from vanban.runs.watch import Watcher, install_stop_signals

_SHOWN_FAILURES = 20


OUT_OPTION = typer.Option(
    Path(corpus.DEFAULT_STORE), "--out", "--store", envvar=corpus.STORE_ENV, help=STORE_HELP
)


class ExecutorKind(StrEnum):
    local = "local"
    dask = "dask"


ON_RECORD = typer.Option(None, "--on-record", metavar="CMD", help="Run CMD with each stored "
                         "record's JSON path as its last argument (its failure is logged).")
NOTIFY = typer.Option(None, "--notify", metavar="URL", help="POST each stored record's key and "
                      "summary as JSON to URL (retried 3 times; a failure is logged).")


def _hooks(on_record: str | None, notify: str | None) -> Hooks:
    if notify and urlsplit(notify).scheme not in ("http", "https"):
        raise typer.BadParameter("an http:// or https:// URL", param_hint="--notify")
    return Hooks(on_record=on_record, notify=notify)


def _fire(hooks: Hooks, store: corpus.Store, sha256: str | None) -> None:
    if not hooks or not sha256:
        return
    record = store.get(sha256)
    if record is not None:
        hooks.record_stored(record, sha256, store.json_path(sha256))


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} files/s" if speed else "– files/s", style="progress.data.speed")


@app.command()
def batch(
    archive: Path = typer.Argument(..., help="A folder (walked recursively) or one file."),
    out: Path = OUT_OPTION,
    workers: int | None = typer.Option(
        None, "--workers", "-j", min=1, max=256, help="Processes (default: cores)."
    ),
    executor: ExecutorKind = typer.Option(ExecutorKind.local, help="local | dask"),
    scheduler: str | None = typer.Option(
        None, help="Dask scheduler, tcp://HOST:8786 (implies --executor dask)."
    ),
    force: bool = typer.Option(False, "--force", help="Reprocess files already in the store."),
    keep_old: bool = typer.Option(False, "--keep-old", help="Skip files whose record an older "
                                  "version or rule set made (default: reprocess them)."),
    ocr: shared.OcrMode = shared.OCR,
    lang: str = shared.LANG,
    dpi: int = shared.DPI,
    no_restore: bool = shared.NO_RESTORE,
    on_record: str | None = ON_RECORD,
    notify: str | None = NOTIFY,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
    time_limit: float = shared.TIME_LIMIT,
    memory_limit: float = shared.MEMORY_LIMIT,
) -> None:
    """Process every file under ARCHIVE into the store; resumable, skips what is done."""
    if scheduler:
        executor = ExecutorKind.dask
    options = shared.options(ocr, lang, dpi, no_restore)
    hooks = _hooks(on_record, notify)
    console = Console(stderr=True)
    bar = Progress(
        TextColumn("[bold]batch"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not progress or quiet(),
        # A redraw costs ~2 ms of this process, the one that writes the store while the
        # workers use the cores: 10 a second (rich's default) was ~0.8 ms per file.
        refresh_per_second=2,
    )
    counts = {"success": 0, "skipped": 0, "failure": 0}
    task_id = bar.add_task("batch", total=None, counts="")

    def on_start(total: int) -> None:
        bar.update(task_id, total=total)

    def on_result(result: FileResult) -> None:
        counts[result.status] += 1
        text = f"✓{counts['success']} ↷{counts['skipped']} ✗{counts['failure']}"
        bar.update(task_id, advance=1, counts=text)
        if result.status == "failure" and not progress:
            console.print(f"failed {printable(str(result.path))}: {printable(result.reason or '')}",
                          highlight=False, soft_wrap=True, markup=False)
        if result.status == "success":
            _fire(hooks, store, result.sha256)

    try:
        with corpus.open(out) as store, bar, hooks:
            report = run_batch(
                archive,
                store,
                workers=workers,
                executor=executor.value,
                scheduler=scheduler,
                force=force,
                keep_old=keep_old,
                options=options,
                on_start=on_start,
                on_result=on_result,
                budget=shared.budget(time_limit, memory_limit),
            )
    except VanbanError as error:
        fail(error)
    except KeyboardInterrupt:
        console.print("vanban: interrupted; what finished is in the store, rerun to resume")
        raise typer.Exit(code=130) from None
    if not quiet() or report.failed:
        _summary(console, report)
    if report.failed:
        raise typer.Exit(code=1)


def _summary(console: Console, report: BatchReport) -> None:
    total = len(report.results)
    rate = report.done / report.elapsed if report.elapsed else 0.0
    console.print(
        f"vanban batch: {total} files: [green]done {report.done}[/], "
        f"skipped {report.skipped}, [red]failed {len(report.failed)}[/] "
        f"in {report.elapsed:.1f}s ({rate:.1f} files/s)",
        soft_wrap=True,
    )
    for result in report.failed[:_SHOWN_FAILURES]:
        console.print(
            f"  [red]✗[/] {_plain(str(result.path))}: {_plain(result.reason or '')}",
            highlight=False, soft_wrap=True,
        )
    if len(report.failed) > _SHOWN_FAILURES:
        console.print(
            f"  … and {len(report.failed) - _SHOWN_FAILURES} more "
            "(vanban sql \"SELECT path, reason FROM journal WHERE state = 'failure'\")"
        )


def _plain(text: str) -> str:
    """Text of a file for rich: control characters escaped, no markup read from it."""
    return printable(text).replace("[", "\\[")


@app.command()
def watch(
    inbox: Path = typer.Argument(..., help="The folder where files are dropped."),
    out: Path = OUT_OPTION,
    settle: float = typer.Option(
        2.0, min=0.0, max=3600.0, help="Seconds a file's size and mtime must stay unchanged."
    ),
    poll: bool = typer.Option(False, "--poll", help="Poll, not file events (network shares)."),
    poll_interval: float = typer.Option(
        1.0, min=0.1, max=3600.0, help="Seconds between polls with --poll."
    ),
    keep: bool = typer.Option(False, "--keep", help="Leave processed files in the inbox."),
    once: bool = typer.Option(False, "--once", help="Process what is there now, then exit."),
    ocr: shared.OcrMode = shared.OCR,
    lang: str = shared.LANG,
    dpi: int = shared.DPI,
    no_restore: bool = shared.NO_RESTORE,
    on_record: str | None = ON_RECORD,
    notify: str | None = NOTIFY,
    time_limit: float = shared.TIME_LIMIT,
    memory_limit: float = shared.MEMORY_LIMIT,
) -> None:
    """Process files dropped into INBOX; originals move to processed/ or failed/."""
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(message)s",
        datefmt="%H:%M:%S",
    )
    options = shared.options(ocr, lang, dpi, no_restore)
    hooks = _hooks(on_record, notify)
    stop = threading.Event()
    install_stop_signals(stop)
    try:
        with corpus.open(out) as store, hooks:
            watcher = Watcher(
                inbox,
                store,
                settle=settle,
                poll=poll,
                poll_interval=poll_interval,
                keep=keep,
                options=options,
                budget=shared.budget(time_limit, memory_limit),
                on_event=lambda event: _fire(hooks, store, event.sha256)
                if event.status == "success" else None,
            )
            watcher.run(once=once, stop=stop)
    except InboxBusyError as error:
        if not once:
            fail(error)
        print(f"vanban: {printable(str(error))}; nothing to do", file=sys.stderr)  # cron's overlap
    except VanbanError as error:
        fail(error)
    except KeyboardInterrupt:
        raise typer.Exit(code=130) from None
