"""Who may write, and from where.

- Every write (POST, PATCH, PUT, DELETE) sent by a browser must come from this site:
  an `Origin` or `Sec-Fetch-Site` naming another site is refused, so a page elsewhere
  cannot make a clerk's browser post to the desk.
- The page's forms and its script carry a CSRF token that must match the cookie the
  page set (double submit).
- With a token configured (required when bound beyond loopback), a write must carry
  it: `Authorization: Bearer TOKEN` or `X-Vanban-Token` for scripts, the cookie the
  login form sets for the page.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request

from vanban.errors import VanbanError

CSRF_COOKIE = "vanban_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
TOKEN_COOKIE = "vanban_token"
WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}


class Forbidden(VanbanError):
    """A write without the token, or from another site."""

    status = 403


class Unauthorized(Forbidden):
    status = 401


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_cookie(request: Request) -> str | None:
    return request.cookies.get(CSRF_COOKIE)


def same_secret(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def check_origin(request: Request) -> None:
    """Refuse a browser's write that another site started."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise Forbidden("write refused: the request came from another site")
    origin = request.headers.get("origin")
    if origin is None:
        return  # not a browser (curl, a script): the token, if any, decides
    host = request.headers.get("host", "")
    if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
        raise Forbidden(f"write refused: origin {origin} is not this server")


def check_token(request: Request, token: str | None, *, allow_cookie: bool) -> None:
    if token is None:
        return
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else None
    given = given or request.headers.get("x-vanban-token")
    if allow_cookie and not given:
        given = request.cookies.get(TOKEN_COOKIE)
    if not same_secret(given, token):
        raise Unauthorized(
            "write refused: this server needs its token (Authorization: Bearer TOKEN)"
            if not given else "write refused: wrong token"
        )


def check_csrf(request: Request, submitted: str | None) -> None:
    if not same_secret(submitted, csrf_cookie(request)):
        raise Forbidden("write refused: the form is stale or not from this page (CSRF); "
                        "reload the page and try again")


def check_write(request: Request, token: str | None, *, csrf: str | None = None) -> None:
    """All the checks one write goes through.

    A request that carries the page's cookies is the page's (or another site riding on
    them): it must also carry the CSRF token. A script with no cookies needs only the
    server's token, if any.
    """
    check_origin(request)
    from_page = CSRF_COOKIE in request.cookies or TOKEN_COOKIE in request.cookies
    if from_page:
        check_csrf(request, csrf or request.headers.get(CSRF_HEADER))
    check_token(request, token, allow_cookie=from_page)
