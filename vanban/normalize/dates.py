"""Dates as written in directives to ISO dates."""

from __future__ import annotations

import calendar
import datetime as dt


def make_date(day: int | str, month: int | str, year: int | str | None) -> dt.date | None:
    """A valid date, or None (OCR can turn "30/6" into "30/16")."""
    if year is None:
        return None
    try:
        year = int(year)
        if year < 100:
            year += 2000
        return dt.date(year, int(month), int(day))
    except (TypeError, ValueError):
        return None


def end_of_month(month: int | str, year: int | str | None) -> dt.date | None:
    if year is None:
        return None
    try:
        year, month = int(year), int(month)
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except (TypeError, ValueError, calendar.IllegalMonthError):
        return None


QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def end_of_quarter(quarter: str, year: int | str) -> dt.date | None:
    number = QUARTERS.get(quarter.lower())
    return end_of_month(number * 3, year) if number else None
