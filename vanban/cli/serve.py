"""`vanban serve`: the review page and the HTTP API over a store."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer

from vanban.cli import app
from vanban.cli.store import STORE_OPTION, fail
from vanban.errors import VanbanError


@app.command()
def serve(
    store: Path = STORE_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to listen on; beyond loopback a "
                             "token is required for writes."),
    port: int = typer.Option(8000, help="Port to listen on."),
    watch: Path | None = typer.Option(None, "--watch", help="Also watch INBOX (as `vanban "
                                      "watch INBOX --out STORE`) in the same process."),
    token_file: Path | None = typer.Option(None, "--token-file", help="File whose first line is "
                                           "the write token (else $VANBAN_TOKEN)."),
    max_upload_mb: int = typer.Option(50, help="Largest upload accepted, in MB."),
) -> None:
    """The clerk's desk: review page (Vietnamese) and HTTP API (/docs) over the store."""
    from vanban.runs.serve import ServeSettings, run
    from vanban.runs.serve.settings import load_token

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    try:
        settings = ServeSettings(store=store, host=host, port=port, watch=watch,
                                 token=load_token(token_file),
                                 max_upload_bytes=max_upload_mb * 1_000_000)
        settings.check()
        run(settings)
    except VanbanError as error:
        fail(error)
