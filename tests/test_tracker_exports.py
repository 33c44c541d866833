"""Tracker-ready exports from records the pipeline made: stable keys, CSV for Excel,
iCalendar with recurring duties and events, incremental exports, edXML headers, and the
urgency and secrecy marks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import etree

from tests import states
from vanban import corpus, process_text
from vanban.corpus import edxml, export
from vanban.extract.marks import find_marks
from vanban.keys import task_keys
from vanban.models import Task

LETTER = """ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI                          Độc lập - Tự do - Hạnh phúc
HỎA TỐC
MẬT
Số: 126/KH-UBND                      Quảng Ngãi, ngày 06 tháng 5 năm 2024
V/v khẩn trương triển khai công tác cải cách hành chính

Kính gửi:
- Sở Nội vụ;
- Sở Tài chính.

1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tổ chức tuyên truyền, quán triệt kết quả Chỉ số cải cách hành chính năm 2023 đến toàn thể cán bộ, công chức, viên chức trên địa bàn tỉnh, đồng thời xây dựng kế hoạch khắc phục những chỉ số thành phần bị giảm điểm, hoàn thành trước ngày 30/6/2024.

2. Sở Tài chính báo cáo tình hình giải ngân vốn đầu tư công định kỳ hằng quý.

3. Sở Nội vụ tổng hợp, báo cáo kết quả thực hiện trước ngày 15/11 hằng năm.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Phước Hiền
"""

# QCVN 102:2016's MessageHeader fields this exporter fills, as paths under MessageHeader.
EDXML_FIELDS = (
    "From/OrganId", "From/OrganName", "Code/CodeNumber", "Code/CodeNotation",
    "PromulgationInfo/Place", "PromulgationInfo/PromulgationDate", "DocumentType/Type",
    "DocumentType/TypeName", "Subject", "SignerInfo/Competence", "SignerInfo/Position",
    "SignerInfo/FullName", "DueDate", "ToPlaces/Place", "OtherInfo/Priority",
)


@pytest.fixture(scope="module")
def record():
    return process_text(LETTER, doc_id="ke-hoach")


@pytest.fixture
def store(tmp_path, record):
    with corpus.open(tmp_path / "store") as opened:
        opened.put(record)
        yield opened


def test_keys_are_in_the_record_and_survive_stripped_diacritics(record):
    assert record.key and record.key.startswith("126-kh-ubnd.2024-05-06.")
    keys = [t.key for t in record.tasks]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert all(k.startswith(record.key + ".") for k in keys)
    stripped = process_text(states.stripped(LETTER), doc_id="stripped")
    assert stripped.number == record.number and stripped.date == record.date
    assert stripped.quality.text_state == "stripped"
    assert stripped.key == record.key
    assert [t.key for t in stripped.tasks] == keys


def test_a_task_found_elsewhere_does_not_change_the_other_keys(record):
    before = task_keys(record.key, record.tasks)
    found = Task(id="0", text="Một nhiệm vụ mà một quy tắc mới tìm thấy")
    after = task_keys(record.key, [found, *record.tasks])
    assert after[1:] == before


def test_a_draft_without_number_is_keyed_by_its_content():
    draft = process_text(LETTER.replace("Số: 126/KH-UBND", "Số:     /KH-UBND"), doc_id="d")
    assert draft.number is None
    assert draft.key and draft.key.startswith("sha-")


def test_urgency_and_secrecy_come_from_the_header_only(record):
    assert (record.urgency, record.secrecy) == ("Hỏa tốc", "Mật")
    assert record.evidence["urgency"].text == "HỎA TỐC"
    plain = find_marks("UBND TỈNH X\nSố: 1/UBND\nV/v khẩn trương rà soát\nKính gửi: Sở Y tế\n")
    assert plain.urgency is None and plain.secrecy is None
    label = find_marks("SỞ Y TẾ\nĐộ khẩn: Thượng khẩn\nĐộ mật: Tối mật\nSố: 2/SYT\n")
    assert (label.urgency.value, label.secrecy.value) == ("Thượng khẩn", "Tối mật")
    beside = find_marks("UBND TỈNH X      TUYỆT MẬT\nSố: 3/UBND\n")
    assert beside.secrecy.value == "Tuyệt mật"


def test_titles_are_the_first_clause_within_120_characters(record):
    long = record.tasks[0].text
    assert len(long) > 120
    title = export.title(long)
    assert len(title) <= 120 and title.endswith("…")
    assert long.startswith(title[:-1].rstrip(" ,"))
    assert export.title("Sở Y tế: rà soát danh mục thuốc; báo cáo kết quả.") == (
        "Sở Y tế: rà soát danh mục thuốc")


def test_excel_csv_has_a_bom_and_keeps_vietnamese(store, record):
    buffer = io.StringIO(newline="")
    export.write_csv(store.records(), buffer, excel=True, as_of=dt.date(2024, 7, 1))
    data = buffer.getvalue().encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3
    assert {r["task_key"] for r in rows} == {t.key for t in record.tasks}
    assert all(r["task_key"] and 0 < len(r["title"]) <= 120 for r in rows)
    first = next(r for r in rows if r["task_id"] == "1")
    assert first["owner"] == "Sở Nội vụ" and first["co_owners"] == "Sở Tư pháp"
    assert first["status"] == "overdue"  # due 30/6/2024, exported as of 1/7/2024
    assert first["doc_key"] == record.key and first["urgency"] == "Hỏa tốc"
    assert first["task_text"] == record.tasks[0].text  # the full text beside the title
    assert {r["status"] for r in rows if r["deadline_kind"] == "recurring"} == {"recurring"}


def test_ics_uids_are_task_keys_and_recurring_duties_have_rrules(store, record):
    calendar = Calendar.from_ical(export.to_ics(store.records()))
    todos = calendar.walk("VTODO")
    assert len(todos) == 3
    assert {str(t["UID"]) for t in todos} == {export.task_uid(t.key) for t in record.tasks}
    rules = {str(t["SUMMARY"]).split(":")[0]: t for t in todos if "RRULE" in t}
    yearly = next(t for t in todos if t.get("RRULE", {}).get("FREQ") == ["YEARLY"])
    assert yearly["RRULE"]["BYMONTH"] == [11] and yearly["RRULE"]["BYMONTHDAY"] == [15]
    assert yearly.decoded("DUE") == dt.date(2024, 11, 15)
    quarterly = next(t for t in todos if t.get("RRULE", {}).get("INTERVAL") == [3])
    assert quarterly.decoded("DUE") == dt.date(2024, 6, 30)  # the first quarter's end after
    assert rules


def test_ics_events_are_all_day(store):
    calendar = Calendar.from_ical(export.to_ics(store.records(), events=True))
    assert not calendar.walk("VTODO")
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)


def test_since_keeps_only_records_processed_after(store, record):
    processed = record.provenance.processed_at
    assert list(export.since(store.records(), processed.date())) != []
    assert list(export.since(store.records(), processed + dt.timedelta(seconds=1))) == []


def test_edxml_header_fills_every_field_the_record_has(record):
    root = ET.fromstring(edxml.to_edxml(record))
    ns = {"e": edxml.NAMESPACE}
    header = root.find("e:edXMLHeader/e:MessageHeader", ns)
    assert header is not None
    for path in EDXML_FIELDS:
        element = header.find("/".join(f"e:{p}" for p in path.split("/")), ns)
        assert element is not None, path
        if path != "From/OrganId":  # the organ's national code is not printed on letters
            assert (element.text or "").strip(), path
    value = {p: header.findtext("/".join(f"e:{x}" for x in p.split("/")), namespaces=ns)
             for p in EDXML_FIELDS}
    assert (value["Code/CodeNumber"], value["Code/CodeNotation"]) == ("126", "KH-UBND")
    assert value["PromulgationInfo/PromulgationDate"] == "2024/05/06"
    assert value["OtherInfo/Priority"] == "3"  # hỏa tốc
    assert value["DueDate"] == "2024/06/30"
    assert value["SignerInfo/Competence"] == "KT. Chủ tịch"
    assert [p.text for p in header.findall("e:ToPlaces/e:Place", ns)] == [
        a.name for a in record.addressees]
    etree.fromstring(edxml.to_edxml(record))  # lxml parses it too


def test_export_command_since_excel_events_and_edxml(store, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "vanban", "export", "--store",
                               str(store.root), *args], capture_output=True, timeout=120)

    excel = run("-f", "csv", "--excel")
    assert excel.returncode == 0 and excel.stdout.startswith(b"\xef\xbb\xbf")
    later = run("-f", "csv", "--since", "2999-01-01")
    assert later.returncode == 0 and len(later.stdout.decode().splitlines()) == 1  # header
    bad = run("-f", "csv", "--since", "yesterday")
    assert bad.returncode == 64
    events = run("-f", "ics", "--events")
    assert b"BEGIN:VEVENT" in events.stdout and b"VTODO" not in events.stdout
    folder = tmp_path / "edxml"
    done = run("-f", "edxml", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    files = list(Path(folder).glob("*.xml"))
    assert [f.stem for f in files] == [next(store.records()).key]
    assert run("-f", "nosuch").returncode == 64


def test_a_task_the_clerk_marked_done_is_done_in_csv_and_ics(store, record):
    sha = corpus.record_sha256(record)
    store.mark_done(sha, record.tasks[0].id, by="clerk")
    done = store.done_tasks()
    assert done == {(sha, record.tasks[0].id)}
    rows = list(csv.DictReader(io.StringIO(_csv(store, done))))
    assert {r["task_id"]: r["status"] for r in rows}[record.tasks[0].id] == "done"
    todos = Calendar.from_ical(export.to_ics(store.records(), done=done)).walk("VTODO")
    finished = [t for t in todos if str(t["UID"]) == export.task_uid(record.tasks[0].key)]
    assert [str(t["STATUS"]) for t in finished] == ["COMPLETED"]


def _csv(store, done) -> str:
    buffer = io.StringIO(newline="")
    export.write_csv(store.records(), buffer, done=done)
    return buffer.getvalue()


@pytest.mark.parametrize(("text", "period", "start", "rule"), [
    ("trước ngày 15/11 hằng năm", "yearly", dt.date(2024, 11, 15),
     {"freq": "yearly", "bymonth": 11, "bymonthday": 15}),
    ("hằng năm, trước ngày 15/3", "yearly", dt.date(2025, 3, 15),
     {"freq": "yearly", "bymonth": 3, "bymonthday": 15}),
    ("trước ngày 20 hằng tháng", "monthly", dt.date(2024, 5, 20),
     {"freq": "monthly", "bymonthday": 20}),
    ("ngày 05 hằng tháng", "monthly", dt.date(2024, 6, 5), {"freq": "monthly", "bymonthday": 5}),
    ("hằng quý", "quarterly", dt.date(2024, 6, 30),
     {"freq": "monthly", "bymonthday": -1, "interval": 3}),
    ("định kỳ 6 tháng", "every 6 months", dt.date(2024, 6, 30),
     {"freq": "monthly", "bymonthday": -1, "interval": 6}),
    ("hằng tuần", "weekly", dt.date(2024, 5, 13), {"freq": "weekly"}),
])
def test_recurring_duties_start_after_the_document_date(text, period, start, rule):
    from vanban.corpus.recurrence import recurrence
    from vanban.models import Deadline

    found = recurrence(Deadline(text=text, kind="recurring", recurrence=period),
                       dt.date(2024, 5, 6))
    assert found is not None and (found.start, found.rule) == (start, rule)
