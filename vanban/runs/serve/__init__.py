"""`vanban serve`: the clerk's desk (review page) and the HTTP API over one store."""

from vanban.runs.serve.app import create_app, run
from vanban.runs.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app", "run"]
