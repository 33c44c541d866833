"""Recurring duties as RFC 5545 recurrence rules.

The record keeps a recurring deadline as a period ("monthly", "quarterly", "yearly",
"weekly", "every 6 months") and the phrase it was read from; the day, when the phrase
gives one ("trước ngày 15/11 hằng năm", "ngày 20 hằng tháng"), is read again here. The
first occurrence is the first such day on or after the document's date; a duty with no
day falls at the end of each period (a quarterly report is due at the quarter's end).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from vanban import folding
from vanban.models import Deadline

_EVERY_MONTHS = re.compile(r"every (\d+) months")
_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "half-yearly": 6}
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)")
_DAY_MONTH_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\b")
_DAY = re.compile(r"\bngay\s+(\d{1,2})\b")


@dataclass(frozen=True)
class Recurrence:
    start: dt.date  # first occurrence
    rule: dict[str, object]  # icalendar's vRecur fields


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period_end(anchor: dt.date, months: int) -> dt.date:
    """The last day of the `months`-long period of the year holding `anchor`."""
    last_month = ((anchor.month - 1) // months + 1) * months
    return _month_end(anchor.year, min(last_month, 12))


def _day_month(folded: str) -> tuple[int, int] | None:
    match = _DAY_MONTH_WORDS.search(folded) or _DAY_MONTH.search(folded)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]:
            return day, month
    return None


def _next_yearly(anchor: dt.date, day: int, month: int) -> dt.date:
    for year in (anchor.year, anchor.year + 1, anchor.year + 2):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29/2 outside a leap year
            continue
        if candidate >= anchor:
            return candidate
    return dt.date(anchor.year + 4, month, day)


def recurrence(deadline: Deadline, anchor: dt.date) -> Recurrence | None:
    """The rule of a recurring deadline, counted from `anchor` (the document's date)."""
    if deadline.kind != "recurring" or not deadline.recurrence:
        return None
    period = deadline.recurrence
    folded = folding.fold(deadline.text)
    every = _EVERY_MONTHS.fullmatch(period)
    if period == "yearly":
        day_month = _day_month(folded)
        if day_month:
            day, month = day_month
            return Recurrence(_next_yearly(anchor, day, month),
                              {"freq": "yearly", "bymonth": month, "bymonthday": day})
        return Recurrence(dt.date(anchor.year, 12, 31),
                          {"freq": "yearly", "bymonth": 12, "bymonthday": 31})
    if period == "weekly":
        return Recurrence(anchor + dt.timedelta(days=7), {"freq": "weekly"})
    months = _MONTHS.get(period) or (int(every.group(1)) if every else 0)
    if not 1 <= months <= 12:
        return None
    if months == 1 and (day := _DAY.search(folded)) and 1 <= int(day.group(1)) <= 28:
        nth = int(day.group(1))
        start = anchor.replace(day=nth)
        if start < anchor:
            start = (anchor.replace(day=1) + dt.timedelta(days=32)).replace(day=nth)
        return Recurrence(start, {"freq": "monthly", "bymonthday": nth})
    rule: dict[str, object] = {"freq": "monthly", "bymonthday": -1}
    if months > 1:
        rule["interval"] = months
    return Recurrence(_period_end(anchor, months), rule)
