"""Deadlines in task text.

"trước ngày 20/5/2024", "hoàn thành trong tháng 9/2023", "định kỳ 6 tháng".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from vanban.normalize.dates import end_of_month, end_of_quarter, make_date
from vanban.regex_gate import gated, matches_at, union

# the year may be left out ("trước ngày 15/12"): the document's own year is meant
_DMY = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?![\d/])"
_DMY_LONG = (r"(?P<d2>\d{1,2})\s+th[a-z]{1,3}ng\s+(?P<m2>\d{1,2})"
             r"(?:\s+n[a-z]{1,2}m\s+(?P<y2>\d{4}))?")
# "trước 17 giờ 00 ngày 20/5/2024", "trước 16h30, ngày ...", "trước 7h00 sáng ngày ..."
# ("17 giờ 00'", "17h00’": the minutes with a prime mark, as some offices type them)
_TIME = (r"(?:\d{1,2}\s*(?:h|gi[a-z]|g)\s*(?:\d{2}\s*['’′]?)?\s*(?:ph[a-z]t)?"  # "gid": OCR
         r"(?:\s+(?:sang|trua|chieu|toi))?\s*,?\s*)?")
_DAY = rf"{_TIME}(?:ng[a-z]{{0,2}}y\s+)?(?:{_DMY}|{_DMY_LONG})"
_MONTH_YEAR = r"th[a-z]{1,3}ng\s+(?P<m>\d{1,2})(?:\s*(?:/|\s+n[a-z]{1,2}m\s+)\s*(?P<y>\d{4}))?"
# "trước" reaches us as "truoc", "trude", "truée", "trubc", "tru’éc" (a horn read as an
# apostrophe): any tr-word but "trong"/"tren"
BEFORE = r"\btr(?!ong\b|en\b)(?:[a-z]{2,4}|[a-z][’'][a-z]{1,3})\b"


@dataclass(frozen=True)
class DeadlineMatch:
    date: dt.date | None
    kind: str
    start: int
    end: int
    recurrence: str | None = None
    rule: str = ""  # the rule of vanban/data/rules.toml that read it


# "Thời hạn: ...", "Thời gian hoàn thành: ...", "Thời gian thực hiện: ..." (a plan's label)
# A bare "Thời gian:" is when a meeting is held ("I. Thời gian: 08 giờ, ngày 09 tháng 10
# năm 2025"), no deadline: "thời gian" counts only with "hoàn thành" or "thực hiện".
# ("Hạn chót:", "Hạn nộp:", "Hạn cuối:" too)
_DONE = r"(?:ho[a-z]{1,2}n\s+th[a-z]{1,2}nh|th[a-z]{1,3}c\s+hi[a-z]{1,2}n)"  # OCR: "thtic hien"
_TIME_LABEL = (rf"(?:\bth[a-z]{{1,2}}i\s+(?:h[a-z]{{1,2}}n\s*{_DONE}?"
               rf"|gian\s*{_DONE})|\bh[a-z]n\s+(?:ch[a-z]t|n[a-z]p|cu[a-z]i))"
               r"\s*[:\-]?\s*(?:trong\s+)?")
# a bare "Thời gian:" before a month, a quarter or a year is a plan item's period (before
# a day or an hour it is when a meeting is held)
_PERIOD_LABEL = rf"(?:{_TIME_LABEL}|\bth[a-z]{{1,2}}i\s+gian\s*:\s*(?:trong\s+)?)"
# ("Quí IV-2025": a hyphen before the year as a table's cell may have it)
_QUARTER = r"qu[a-z]\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|[-–]|\s+n[a-z]{1,2}m\s+)\s*(?P<y>\d{4})"

# the clause a day opens goes on to a body that completes something, with no "đã" (done)
DONE_LATER = r"[^.;:\n]{1,60}?\s(?<!\bda\s)hoan thanh\b"

# (kind, rule of vanban/data/rules.toml, pattern)
_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    ("by", "before-date",
     re.compile(rf"{BEFORE}\s*(?:hoac\s+)?(?:th[a-z]{{1,2}}i di[a-z]m\s+)?{_DAY}")),
    # ("muộn nhất ngày ..." says the same)
    ("by", "at-the-latest", re.compile(
        rf"\b(?:ch[a-z]{{1,2}}m|mu[a-z]{{1,2}}n)\s+nh[a-z]{{1,2}}t\s+(?:la\s+|vao\s+|den\s+)?{_DAY}")),
    # "Thời gian thực hiện: 29/6/2026 - 09/7/2026", as a table's column gives a period: its
    # last day (before the label's first day is read alone)
    ("by", "time-limit-label", re.compile(
        rf"{_TIME_LABEL}(?:tu\s+)?(?:ng[a-z]{{0,2}}y\s+)?\d{{1,2}}\s*[/.]\s*\d{{1,2}}"
        rf"(?:\s*[/.]\s*\d{{4}})?\s*[-–]\s*{_DAY}")),
    ("by", "time-limit-label", re.compile(rf"{_TIME_LABEL}{_DAY}")),
    # "Thời gian thực hiện: từ ngày 01/3/2027 đến ngày 30/4/2027": the period's last day
    ("by", "time-limit-label", re.compile(
        rf"{_TIME_LABEL}tu\s+[^.;:\n]{{1,30}}?\s+den\s+(?:het\s+)?{_DAY}")),
    ("within-month", "time-limit-label", re.compile(
        rf"{_TIME_LABEL}tu\s+[^.;:\n]{{1,30}}?\s+den\s+(?:het\s+)?{_MONTH_YEAR}")),
    ("by", "complete-by", re.compile(rf"\b(?:hoan thanh|xong)\s+(?:vao\s+)?{_DAY}")),
    # "...; Ngày 12/3/2026, các thôn hoàn thành việc niêm yết ...": a plan's schedule, the
    # day that opens a clause whose body completes something then
    ("by", "day-it-is-done", re.compile(
        rf"(?:^|(?<=[.;:\n]))\s*ng[a-z]{{0,2}}y\s+{_DMY}\s*,(?={DONE_LATER})")),
    # "yêu cầu đến 30/5/2026 phải bàn giao ...", "phấn đấu đến ngày 30/6/2026 hoàn thành ..."
    ("by", "due-by-then", re.compile(
        rf"\bden\s+(?:ng[a-z]{{0,2}}y\s+)?{_DMY}\s*,?\s*(?:ph[a-z]{{1,2}}i|hoan thanh|xong)\b")),
    # "đến hết ngày 30/9/2027, UBND các huyện hoàn thành ...": through that day
    ("by", "due-by-then", re.compile(rf"\bden\s+het\s+(?:ng[a-z]{{0,2}}y\s+)?{_DMY}")),
    # "đến hết tháng 6/2027", "đến hết quý II/2027", "đến hết năm 2027"
    ("within-month", "due-by-then", re.compile(rf"\bden\s+het\s+{_MONTH_YEAR}")),
    ("within-quarter", "due-by-then", re.compile(rf"\bden\s+het\s+{_QUARTER}")),
    ("within-year", "due-by-then", re.compile(r"\bden\s+het\s+n[a-z]{1,2}m\s+(?P<y>\d{4})")),
    # "đảm bảo đến ngày 31/12/2010 hầu hết cán bộ ... sử dụng ...": a target to reach by then
    ("by", "due-by-then", re.compile(
        rf"\b(?:dam bao|bao dam|phan dau)\s+(?:den|truoc)\s+(?:ng[a-z]{{0,2}}y\s+)?{_DMY}")),
    # "báo cáo UBND tỉnh trong ngày 08/9/2024": by the end of that day
    ("by", "within-day", re.compile(rf"\btrong\s+ng[a-z]{{0,2}}y\s+(?:{_DMY}|{_DMY_LONG})")),
    # "thực hiện trong tháng 11, tháng 12 năm 2025": by the end of the last month named
    # (a plan's "Thời gian: Tháng 6, 12/2026" the same)
    ("within-month", "within-month", re.compile(
        r"(?:\btrong\s+|" + _PERIOD_LABEL + r")(?:c[a-z]c\s+)?th[a-z]{1,3}ng\s+"
        r"(?:\d{1,2}\s*(?:,|\bva\b|[-–])\s*(?:th[a-z]{1,3}ng\s+)?)+"
        r"(?P<m>\d{1,2})\s*(?:/|\s+n[a-z]{1,2}m\s+)\s*(?P<y>\d{4})")),
    ("within-month", "within-month", re.compile(rf"\btrong\s+{_MONTH_YEAR}")),
    ("within-month", "time-limit-label", re.compile(rf"{_PERIOD_LABEL}{_MONTH_YEAR}")),
    ("within-quarter", "within-quarter",
     re.compile(rf"(?:\btrong\s+|{_PERIOD_LABEL}){_QUARTER}")),
    # "Quý I, II/2026", "quý I và quý II năm 2026": by the end of the last
    ("within-quarter", "within-quarter", re.compile(
        rf"(?:\btrong\s+|{_PERIOD_LABEL})qu[a-z]\s+(?:(?:iv|iii|ii|i|[1-4])\s*(?:,|\bva\b|[-–])"
        r"\s*(?:qu[a-z]\s+)?)+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+n[a-z]{1,2}m\s+)\s*(?P<y>\d{4})")),
    # "trong 6 tháng đầu năm 2027": by the end of June
    ("within-quarter", "within-quarter", re.compile(
        rf"(?:\btrong\s+|{_PERIOD_LABEL})(?P<half>0?6|sau)\s+th[a-z]{{1,3}}ng\s+d[a-z]{{1,2}}u\s+"
        r"n[a-z]{1,2}m\s+(?P<y>\d{4})")),
    # "hoàn thành trong năm 2026", "thực hiện xong việc rà soát trong năm 2026"; and what
    # is handed in or put in place by then: "trình UBND tỉnh ban hành trong năm 2026",
    # "đưa vào sử dụng trong năm 2026" (not "thực hiện ... trong năm": a duty that runs)
    ("within-year", "within-year", re.compile(
        # ("Chương trình", "Tờ trình" are no "trình")
        r"\b(?:hoan thanh|hoan tat|xong|(?<!chuong )(?<!to )trinh|ban hanh|phe duyet"
        r"|hoan thien|ban giao"
        r"|vao (?:su dung|hoat dong|van hanh|khai thac)"
        # (a road opened to traffic is one done: "thông xe tuyến chính trong năm 2026"; an
        # aside in brackets between counts as one word: "thông xe tuyến chính (Dự án thành
        # phần 2 ...) trong năm 2026")
        r"|giai ngan het|thanh lap|th[a-z]ng xe)\b(?:\([^()\n]{0,160}\)|[^.;:\n()]){0,40}?"
        # ("hoàn thành Dự án vào năm 2026": done within that year too)
        r"\b(?:trong|v[a-z]{1,2}o)\s+n[a-z]{1,2}m\s+(?P<y>\d{4})")),

    # "Thời gian hoàn thành: Năm 2025 - 2026", a table's "2026–2030": a period of years is
    # due at the end of its last, as a period of days or months is
    ("within-year", "time-limit-label", re.compile(
        rf"{_PERIOD_LABEL}(?:n[a-z]{{1,2}}m\s+)?(?:19|20)\d\d\s*[-–]\s*(?:n[a-z]{{1,2}}m\s+)?"
        r"(?P<y>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)")),
    # (not "Năm 2025 và các năm tiếp theo": from that year on, no end)
    ("within-year", "time-limit-label",
     re.compile(rf"{_PERIOD_LABEL}n[a-z]{{1,2}}m\s+(?P<y>\d{{4}})\b(?!\s*[-–])"
                r"(?!\s*(?:va|den)\s+(?:cac\s+)?n[a-z]{1,2}m\s+(?:tiep\s+theo|sau))")),
]
# (each would scan every task's whole text: they are tried only where one of them
# matches, which one scan finds)
_ANY_RULE = union([pattern for _, _, pattern in _RULES])
# "tháng" as an OCR may spell it, not "thường"/"thương" ("định kỳ, thường xuyên", "ngân
# hàng thương mại"): a month's word where no number follows to say it is one
_MONTH_WORD = r"th(?!uong)[a-z]{1,3}ng"
_RECURRING = gated(re.compile(
    r"\b(?:[dpb]inh\s*k[a-z]|hang)\s+"
    r"(?P<period>(?:0?\d+\s+)?" + _MONTH_WORD + r"|qu[a-z]|n[a-z]{1,2}m|tuan|ng[a-z]{0,2}y)\b"
))
# "Báo cáo 6 tháng gửi trước ngày 05/6", "báo cáo quý ...": a periodic report's day recurs
# (not "báo cáo năm 2026", "báo cáo tháng 6/2026": one report)
_PERIODIC_REPORT = re.compile(
    r"\bb[a-z]o\s+c[a-z]o\s+(?P<period>(?:0?6\s+)?" + _MONTH_WORD + r"|qu[a-z]|n[a-z]{1,2}m)\b"
    r"(?!\s*(?:\d|nay\b))")
# "trước ngày 31/01 năm liền kề": each year's 31 January for the year before, no one date
_OF_THE_NEXT = re.compile(
    r"\s*(?:cua\s+)?(?P<period>n[a-z]{1,2}m|" + _MONTH_WORD + r"|qu[a-z])\s+"
    r"(?:lien ke|ke tiep|tiep theo|sau)\b"
)
# "các đoạn tuyến mà dự kiến khởi công trước ngày 30/4/2026": the date says which things
# (a relative clause of what is planned), not by when the task is due
# ("rà soát các nhiệm vụ đã giao có thời hạn hoàn thành trong năm 2025": which tasks,
# by their own term)
_QUALIFIES_A_THING = re.compile(r"\bma\s+(?:[a-z]+\s+)?du\s+kien\b[^,;.:()]{0,30}$"
                                r"|\b(?:nhiem vu|cong viec|noi dung|chi tieu|ke hoach)\b"
                                r"[^,;.:]{0,120}"
                                r"\bco\s+(?:th[a-z]{1,2}i\s+h[a-z]{1,2}n\s+)?$")
# "từ ngày 30/4 đến hết ngày 03/5/2026, các đơn vị bố trí trực": a period of duty (without a
# plan's time label, which reads its last day), no date to complete by
# (an aside may follow the first day: "từ ngày 16/02/2027 (tức ngày 28 tháng Chạp) đến hết ...")
_FROM_DAY = re.compile(
    r"\btu\s+(?:ng[a-z]{0,2}y\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"(?:\s*\([^()]{0,60}\))?\s*$")
# "tiếp tục thực hiện ... đến hết năm 2026", "kiểm tra liên tục từ nay đến hết ngày 20/2/2026":
# how long a duty runs, no date to complete by (unless it says what is completed then)
_DUTY_RUNS = re.compile(
    r"\b(?:tu nay|tiep tuc|lien tuc)\b(?:(?!hoan thanh|xong)[^.;:\n]){0,80}$")
# "không được yêu cầu thí sinh nhập học trước ngày 22/8": a time a thing is forbidden
# before, no date to complete by
_FORBIDDEN_BEFORE = re.compile(r"\bkhong\s+(?:duoc|nen)\b[^.,;:\n]{0,80}$")
# "... hoàn thành trước ngày 30/3/2025, nhưng đến nay tỉnh chưa hoàn thành": a date the
# text reports was missed, none it sets
_MISSED_AFTER = re.compile(
    r"[^.;:\n]{0,20}?,?\s*nhung\s+(?:cho\s+)?(?:den|toi)\s+(?:nay|thoi diem nay)\b"
    r"[^.;:\n]{0,60}?\bch[a-z]{1,3}a\b")  # (an OCR's "chtia")
# "việc xây dựng tập san ... dự kiến sẽ hoàn thành trong tháng 11/2026": a report's
# forecast, no date set (a plan's "dự kiến hoàn thành" without "sẽ" is still its date)
_FORECAST = re.compile(r"\bdu\s+kien\s+se\s+(?:hoan\s+thanh|xong|ket\s+thuc)\b[^.;:\n]{0,30}$")
# "nắng nóng tiếp tục kéo dài trong tháng 5/2026", "mưa lớn kéo dài đến hết ngày 20/10":
# how long a condition lasts (a forecast's or a report's), no date to complete by
_LASTS = re.compile(r"\bkeo\s+dai\s*$")
_CLAUSE_STOP = re.compile(r"[.,;:\n]")
_WORTH_LOOKING = gated(re.compile(r"\d|dinh ky|hang"))
_PERIODS = {"thang": "monthly", "quy": "quarterly", "nam": "yearly", "tuan": "weekly",
            "ngay": "daily"}


_SOFT_WRAP = re.compile(r"(?<=[a-z0-9])[ \t]*\n(?=[ \t]*[a-z0-9])")
_LETTER_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _soft_wraps_spaced(folded: str) -> str:
    """`folded` with each match of `_SOFT_WRAP` as many spaces, found from each line break
    (the pattern opens with a lookbehind and optional spaces: the engine tries it at every
    position of every text asked, 2,600 a document, most without a line break)."""
    at = folded.find("\n")
    if at == -1:
        return folded
    pieces, done, size = [], 0, len(folded)
    while at != -1:
        start = at  # (the spaces and tabs before the break; a match starts where they do)
        while start > 0 and folded[start - 1] in " \t":
            start -= 1
        after = at + 1
        while after < size and folded[after] in " \t":
            after += 1
        if (start > 0 and folded[start - 1] in _LETTER_OR_DIGIT and after < size
                and folded[after] in _LETTER_OR_DIGIT):
            pieces += (folded[done:start], " " * (at + 1 - start))
            done = at + 1
        at = folded.find("\n", at + 1)
    return "".join(pieces) + folded[done:] if pieces else folded

# The task readers ask again for a text they asked for (60% of the calls on new
# documents): a task's text, up to this long, is remembered with its answer.
_MEMO_CHARS = 4000


def find_deadlines(folded: str, *, year: int | None = None) -> list[DeadlineMatch]:
    """Every deadline phrase in a task's folded text, in order, without overlaps.

    `year` (the document's) completes dates written without one; without it they are skipped.
    """
    # (a page's wrap inside a phrase is the space it stands for: "Hoàn / thành trong năm
    # 2025"; a line that ends with a stop still ends its clause; offsets are kept)
    folded = _soft_wraps_spaced(folded)
    if len(folded) <= _MEMO_CHARS:
        return list(_remembered(folded, year))
    return _find(folded, year)


@lru_cache(maxsize=512)
def _remembered(folded: str, year: int | None) -> tuple[DeadlineMatch, ...]:
    return tuple(_find(folded, year))


def _find(folded: str, year: int | None) -> list[DeadlineMatch]:
    found: list[DeadlineMatch] = []
    if not _WORTH_LOOKING.search(folded):
        return found
    taken: list[tuple[int, int]] = []
    starts = [m.start() for m in _ANY_RULE.finditer(folded)]
    for kind, rule, pattern in _RULES if starts else ():
        for m in matches_at(pattern, folded, starts):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            date = _date_of(kind, m, year)
            if date is None or _QUALIFIES_A_THING.search(folded, max(0, m.start() - 160),
                                                         m.start()) or (
                    rule == "before-date" and _FORBIDDEN_BEFORE.search(
                        folded, max(0, m.start() - 90), m.start())) or _MISSED_AFTER.match(
                    folded, m.end()) or _FORECAST.search(
                    folded, max(0, m.start() - 60), m.start()) or _LASTS.search(
                    folded, max(0, m.start() - 12), m.start()) or (
                    rule == "due-by-then" and (
                        _FROM_DAY.search(folded, max(0, m.start() - 90), m.start())
                        or (folded.startswith("den het", m.start())
                            and _DUTY_RUNS.search(folded, max(0, m.start() - 90), m.start())))):
                continue
            every = _recurring_around(folded, m)
            if every is not None:  # "hằng năm, trước ngày 15/12": each year, no one date
                start, end = min(every.start(), m.start()), max(every.end(), m.end())
                found.append(DeadlineMatch(None, "recurring", start, end, _recurrence(every),
                                           "recurring"))
                taken.append((start, end))
                continue
            found.append(DeadlineMatch(date, kind, m.start(), m.end(), rule=rule))
            taken.append(m.span())
    for m in _RECURRING.finditer(folded):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        found.append(DeadlineMatch(None, "recurring", m.start(), m.end(), _recurrence(m),
                                   "recurring"))
        taken.append(m.span())
    return sorted(found, key=lambda d: d.start)


def _recurrence(m: re.Match[str]) -> str:
    period = re.sub(r"^0?(\d+)\s+", r"\1 ", m.group("period"))
    word = period.split()[-1]
    unit = next((v for k, v in _PERIODS.items() if re.fullmatch(k[0] + "[a-z]*" + k[-1], word)),
                period)
    return unit if period == word else f"every {period.split()[0]} months"


def _recurring_around(folded: str, m: re.Match[str]) -> re.Match[str] | None:
    """ "hằng năm" or "định kỳ" next to a date written without its year (a month too: "Từ
    tháng 3 đến tháng 11 hằng năm" closes no one month)."""
    groups = m.groupdict()
    if groups.get("y") or groups.get("y2") or not (
            groups.get("d") or groups.get("d2") or groups.get("m")):
        return None
    before = list(_RECURRING.finditer(folded, max(0, m.start() - 30), m.start())) or list(
        _PERIODIC_REPORT.finditer(folded, max(0, m.start() - 30), m.start())) or list(
        _RECURRING.finditer(folded, _clause_start(folded, m.start()), m.start()))
    # "trước ngày 20/6 và 20/12 hằng năm": the period may close a list of days, within
    # the clause
    clause = _CLAUSE_STOP.search(folded, m.end(), min(len(folded), m.end() + 40))
    after = _RECURRING.search(folded, m.end(), clause.start() if clause else
                              min(len(folded), m.end() + 40)) or \
        _OF_THE_NEXT.match(folded, m.end())
    return before[-1] if before else after


# "định kỳ hàng năm báo cáo kết quả thực hiện về Sở ... chậm nhất ngày 17 tháng 12": the
# period opens the clause the day closes, further back than the words next to it
_CLAUSE_BACK = 120
_CLAUSE_OPEN = re.compile(r"[.;:\n](?=[^.;:\n]*$)")


def _clause_start(folded: str, at: int) -> int:
    """Where the clause that runs to `at` opens, at most `_CLAUSE_BACK` characters back."""
    window = max(0, at - _CLAUSE_BACK)
    stop = _CLAUSE_OPEN.search(folded, window, at)
    return stop.end() if stop else window


def _date_of(kind: str, m: re.Match[str], year: int | None) -> dt.date | None:
    groups = m.groupdict()
    if kind == "by":
        if groups.get("d"):
            return make_date(groups["d"], groups["m"], groups["y"] or year)
        return make_date(groups["d2"], groups["m2"], groups["y2"] or year)
    if kind == "within-month":
        return end_of_month(groups["m"], groups["y"] or year)
    if kind == "within-quarter" and groups.get("half"):
        return make_date(30, 6, groups["y"])
    if kind == "within-quarter":
        return end_of_quarter(groups["q"], groups["y"])
    return make_date(31, 12, groups["y"])
