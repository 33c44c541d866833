"""How the desk is served: where the store is, where it listens, who may write."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from vanban.errors import VanbanError

TOKEN_ENV = "VANBAN_TOKEN"
TOKEN_FILE_ENV = "VANBAN_TOKEN_FILE"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class ServeError(VanbanError):
    """The server cannot start as asked (a public address without a token, say)."""

    exit_code = 4


class ServeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: Path
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = Field(default=None, repr=False)
    watch: Path | None = None
    # A scanned directive is a few MB; the ingest limits (pages, pixels) still apply after.
    max_upload_bytes: int = 50_000_000
    low_confidence: float = 0.8  # fields below this are flagged for the clerk
    page_dpi: int = 110  # page images on screen

    @property
    def local(self) -> bool:
        return is_local(self.host)

    @property
    def token_required(self) -> bool:
        return self.token is not None or not self.local

    def check(self) -> None:
        if not self.local and not self.token:
            raise ServeError(
                f"--host {self.host} is reachable from other machines: set a token for writes "
                f"(${TOKEN_ENV}, or --token-file FILE) or bind to 127.0.0.1"
            )


def is_local(host: str) -> bool:
    """Whether binding to `host` keeps the server to this machine (loopback only)."""
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def load_token(token_file: Path | None = None) -> str | None:
    """The write token: $VANBAN_TOKEN, else the first line of --token-file / $VANBAN_TOKEN_FILE."""
    value = os.environ.get(TOKEN_ENV, "").strip()
    if value:
        return value
    path = token_file or (Path(os.environ[TOKEN_FILE_ENV]) if os.environ.get(TOKEN_FILE_ENV)
                          else None)
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        reason = error.strerror or error
        raise ServeError(f"{path}: cannot read the token file ({reason})") from None
    token = lines[0].strip() if lines else ""
    if len(token) < 16:
        raise ServeError(f"{path}: the token must be at least 16 characters")
    return token
