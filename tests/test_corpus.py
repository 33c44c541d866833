"""The store, its SQLite index, queries and exports, on records built here.

The records are made directly (extraction is tested elsewhere): two directives
whose tasks cover owners with near names, dated, monthly and recurring deadlines.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import sqlite3

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from vanban import corpus
from vanban.cli import _register, app
from vanban.corpus import export
from vanban.errors import QueryError, StoreError
from vanban.models import Agency, Deadline, Directive, Provenance, Task

PROCESSED_AT = dt.datetime(2024, 5, 7, 8, 30, tzinfo=dt.UTC)


def make_directive(
    doc_id: str,
    *,
    number: str,
    date: dt.date,
    issuer: str,
    doc_type: str,
    subject: str,
    tasks: list[tuple],
) -> Directive:
    """tasks: (id, text, owners, co_owners, deadline date or None, deadline text or None, kind)."""
    built = []
    for task_id, text, owners, co_owners, due, due_text, kind in tasks:
        deadline = Deadline(date=due, text=due_text, kind=kind) if due_text else None
        if kind == "recurring" and deadline:
            deadline.recurrence = "semiannual"
        built.append(
            Task(
                id=task_id,
                text=text,
                owners=[Agency(name=n) for n in owners],
                co_owners=[Agency(name=n) for n in co_owners],
                deadline=deadline,
            )
        )
    body = "\n".join([issuer.upper(), f"Số: {number}", subject, *(t.text for t in built)])
    return Directive(
        doc_id=doc_id,
        issuer=Agency(name=issuer),
        number=number,
        date=date,
        doc_type=doc_type,
        subject=subject,
        tasks=built,
        text=body,
        provenance=Provenance(
            source=f"/archive/{doc_id}.txt",
            file_name=f"{doc_id}.txt",
            sha256=hashlib.sha256(body.encode()).hexdigest(),
            pipeline_version="test",
            processed_at=PROCESSED_AT,
        ),
    )


PLAN = make_directive(
    "ke-hoach-126",
    number="126/KH-UBND",
    date=dt.date(2024, 5, 6),
    issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
    doc_type="Kế hoạch",
    subject="Nâng cao Chỉ số PAR INDEX, Chỉ số SIPAS năm 2024",
    tasks=[
        (
            "1",
            "Tổ chức tuyên truyền, quán triệt ý nghĩa kết quả Chỉ số PAR INDEX",
            ["Sở Nội vụ"],
            ["Sở Thông tin và Truyền thông"],
            dt.date(2024, 6, 30),
            "trước ngày 30/6/2024",
            "by",
        ),
        (
            "2.a",
            "Phân tích, đánh giá nguyên nhân giảm điểm các chỉ số thành phần",
            ["Sở Ngoại vụ"],
            [],
            dt.date(2024, 9, 30),
            "trong tháng 9/2024",
            "within-month",
        ),
        (
            "2.b",
            "Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh",
            ["Sở Tài chính", "Sở Nội vụ"],
            [],
            None,
            "định kỳ 6 tháng",
            "recurring",
        ),
    ],
)
LETTER = make_directive(
    "cong-van-2268",
    number="2268/UBND-TTHC",
    date=dt.date(2024, 3, 1),
    issuer="Ủy ban nhân dân tỉnh Đắk Lắk",
    doc_type="Công văn",
    subject="Rà soát thủ tục hành chính lĩnh vực đất đai",
    tasks=[
        (
            "1",
            "Rà soát, đơn giản hóa thủ tục hành chính về đất đai",
            ["Sở Tài nguyên và Môi trường"],
            ["Sở Nội vụ"],
            dt.date(2024, 4, 15),
            "trước ngày 15/4/2024",
            "by",
        ),
    ],
)


@pytest.fixture
def store(tmp_path):
    with corpus.open(tmp_path / "store") as opened:
        opened.put(PLAN)
        opened.put(LETTER)
        yield opened


def ids(rows) -> list[tuple[str | None, str]]:
    return sorted((row.number, row.task_id) for row in rows)


# -- the store -------------------------------------------------------------------------


def test_record_is_stored_as_json_named_by_content_hash(store):
    sha = PLAN.provenance.sha256
    path = store.root / f"{sha}.json"
    assert path.exists()
    assert json.loads(path.read_text())["provenance"]["file_name"] == "ke-hoach-126.txt"
    assert store.get(sha) == PLAN
    assert (store.root / "index.sqlite").exists()


def test_putting_the_same_content_again_keeps_one_record(store):
    store.put(PLAN)
    assert len(list(store.json_files())) == 2
    _, rows = store.sql("SELECT count(*) FROM documents")
    assert rows == [(2,)]
    assert store.sql("SELECT count(*) FROM tasks")[1] == [(4,)]


def test_index_holds_documents_tasks_owners_deadlines_references(store):
    _, rows = store.sql(
        "SELECT d.number, t.task_id, o.name, t.deadline_date FROM owners o"
        " JOIN tasks t USING (sha256, position) JOIN documents d USING (sha256)"
        " ORDER BY d.number, t.position, o.name"
    )
    assert ("126/KH-UBND", "2.b", "Sở Nội vụ", None) in rows
    assert ("2268/UBND-TTHC", "1", "Sở Tài nguyên và Môi trường", "2024-04-15") in rows
    _, co = store.sql("SELECT name FROM co_owners ORDER BY name")
    assert co == [("Sở Nội vụ",), ("Sở Thông tin và Truyền thông",)]
    _, deadlines = store.sql("SELECT kind, count(*) FROM deadlines GROUP BY kind ORDER BY kind")
    assert deadlines == [("by", 2), ("recurring", 1), ("within-month", 1)]
    _, meta = store.sql("SELECT pipeline_version, processed_at, status FROM documents LIMIT 1")
    assert meta[0][0] == "test" and meta[0][1].startswith("2024-05-07") and meta[0][2] == "success"


def test_lost_index_is_rebuilt_from_the_json_files(tmp_path):
    root = tmp_path / "store"
    with corpus.open(root) as opened:
        opened.put(PLAN)
        opened.put(LETTER)
    for suffix in ("", "-wal", "-shm"):
        (root / f"index.sqlite{suffix}").unlink(missing_ok=True)
    with corpus.open(root) as reopened:
        assert ids(reopened.tasks(owner="so noi vu")) == [
            ("126/KH-UBND", "1"),
            ("126/KH-UBND", "2.b"),
        ]


def test_reindex_command_rebuilds_and_reports(store):
    store.conn.execute("DELETE FROM tasks")
    result = CliRunner().invoke(_app(), ["reindex", "--store", str(store.root)])
    assert result.exit_code == 0, result.output
    assert store.sql("SELECT count(*) FROM tasks")[1] == [(4,)]


def test_reading_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        corpus.open(tmp_path / "nowhere", create=False)


# -- queries ---------------------------------------------------------------------------


def test_owner_matches_without_accents_and_not_the_near_name(store):
    # "so noi vu" is one edit from "so ngoai vu": the near name must not match.
    assert ids(store.tasks(owner="so noi vu")) == [("126/KH-UBND", "1"), ("126/KH-UBND", "2.b")]
    assert ids(store.tasks(owner="Sở Ngoại vụ")) == [("126/KH-UBND", "2.a")]


def test_owner_matches_typos_and_co_owners(store):
    assert ids(store.tasks(owner="so tai nguyen moi truon")) == [("2268/UBND-TTHC", "1")]
    assert ids(store.tasks(owner="so noi vu", include_co_owners=True)) == [
        ("126/KH-UBND", "1"),
        ("126/KH-UBND", "2.b"),
        ("2268/UBND-TTHC", "1"),
    ]
    assert store.tasks(owner="Bộ Quốc phòng") == []


def test_rows_are_typed(store):
    row = store.tasks(owner="so noi vu", due_before=dt.date(2024, 6, 30))[0]
    assert isinstance(row, corpus.TaskRow)
    assert row.deadline_date == dt.date(2024, 6, 30)
    assert row.owners == ["Sở Nội vụ"] and row.co_owners == ["Sở Thông tin và Truyền thông"]
    assert row.doc_date == dt.date(2024, 5, 6) and row.issuer.startswith("Ủy ban")


def test_deadline_filters_are_inclusive_and_overdue_uses_as_of(store):
    assert ids(store.tasks(due_before=dt.date(2024, 6, 30))) == [
        ("126/KH-UBND", "1"),
        ("2268/UBND-TTHC", "1"),
    ]
    assert ids(store.tasks(due_after=dt.date(2024, 6, 30))) == [
        ("126/KH-UBND", "1"),
        ("126/KH-UBND", "2.a"),
    ]
    assert ids(store.tasks(overdue=True, as_of=dt.date(2024, 6, 30))) == [("2268/UBND-TTHC", "1")]
    # The recurring task has no date: never overdue, never "due before".
    assert ("126/KH-UBND", "2.b") not in ids(store.tasks(overdue=True, as_of=dt.date(2030, 1, 1)))


def test_issuer_type_and_number_filters(store):
    assert ids(store.tasks(issuer="dak lak")) == [("2268/UBND-TTHC", "1")]
    assert {r.number for r in store.tasks(doc_type="ke hoach")} == {"126/KH-UBND"}
    assert {r.number for r in store.tasks(doc_type="KH")} == {"126/KH-UBND"}
    assert ids(store.tasks(number="2268")) == [("2268/UBND-TTHC", "1")]


def test_full_text_search_ignores_accents_and_d_stroke(store):
    docs = store.documents(text="nang cao chi so")
    assert [d.number for d in docs] == ["126/KH-UBND"]
    assert ids(store.tasks(text="dat dai")) == [("2268/UBND-TTHC", "1")]
    assert ids(store.tasks(text="ĐẤT ĐAI")) == [("2268/UBND-TTHC", "1")]
    assert ids(store.tasks(text="tuyên truyền", owner="so noi vu")) == [("126/KH-UBND", "1")]
    assert store.tasks(text="quốc phòng") == []
    # Operators are not passed to FTS5: a stray quote or OR is just a word.
    assert store.tasks(text='"OR (') == []


def test_documents_qualify_through_their_tasks(store):
    assert [d.number for d in store.documents(owner="so tai nguyen va moi truong")] == [
        "2268/UBND-TTHC"
    ]


def test_sql_is_read_only(store):
    assert store.sql("WITH x AS (SELECT 1 AS n) SELECT n FROM x")[1] == [(1,)]
    assert store.sql("SELECT fold('Đắk Lắk')")[1] == [("dak lak",)]
    for statement in (
        "DELETE FROM documents",
        "  -- a comment\n DROP TABLE tasks",
        "SELECT 1; DELETE FROM documents",
        "PRAGMA writable_schema = 1",
        "ATTACH DATABASE 'x.db' AS x",
    ):
        with pytest.raises(QueryError):
            store.sql(statement)
    # Even a write the keyword check lets through is stopped by SQLite itself.
    with pytest.raises(QueryError, match=r"readonly|read-only"):
        store.sql(
            "WITH x AS (SELECT 1) INSERT INTO journal (path, state, origin, updated_at)"
            " SELECT 'p', 's', 'o', 'u' FROM x"
        )
    assert store.sql("SELECT count(*) FROM documents")[1] == [(2,)]


# -- exports ---------------------------------------------------------------------------


def test_jsonl_has_one_record_per_line(store):
    out = io.StringIO()
    export.export(store.records(), "jsonl", out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    records = [Directive.model_validate_json(line) for line in lines]
    assert {r.number for r in records} == {"126/KH-UBND", "2268/UBND-TTHC"}


def test_csv_has_one_row_per_task_and_owner(store):
    out = io.StringIO(newline="")
    export.export(store.records(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 5  # 2.b has two owners
    recurring = [r for r in rows if r["task_id"] == "2.b"]
    assert {r["owner"] for r in recurring} == {"Sở Tài chính", "Sở Nội vụ"}
    first = next(r for r in rows if r["doc_number"] == "126/KH-UBND" and r["task_id"] == "1")
    assert first["deadline_date"] == "2024-06-30"
    assert first["deadline_text"] == "trước ngày 30/6/2024"
    assert first["doc_date"] == "2024-05-06"
    assert first["issuer"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert first["co_owners"] == "Sở Thông tin và Truyền thông"


def test_ics_has_one_vtodo_per_dated_or_recurring_deadline_with_stable_uids(store):
    data = export.to_ics(store.records())
    assert data == export.to_ics(store.records())  # same store, same bytes
    calendar = Calendar.from_ical(data)
    todos = [c for c in calendar.walk() if c.name == "VTODO"]
    assert len(todos) == 4  # the recurring task recurs from the end of its first half-year
    assert len({str(t["UID"]) for t in todos}) == 4
    dues = sorted(t.decoded("DUE") for t in todos)
    assert dues == [dt.date(2024, 4, 15), dt.date(2024, 6, 30), dt.date(2024, 6, 30),
                    dt.date(2024, 9, 30)]
    recurring = [t for t in todos if "RRULE" in t]
    assert len(recurring) == 1
    assert recurring[0]["RRULE"]["FREQ"] == ["MONTHLY"]
    assert recurring[0]["RRULE"]["INTERVAL"] == [6]
    for todo in todos:
        assert todo.decoded("DTSTAMP") == PROCESSED_AT
        assert str(todo["SUMMARY"]) and str(todo["DESCRIPTION"])
    noi_vu = next(t for t in todos if t.decoded("DUE") == dt.date(2024, 6, 30)
                  and "RRULE" not in t)
    assert str(noi_vu["SUMMARY"]).startswith("Sở Nội vụ: Tổ chức tuyên truyền")
    assert "126/KH-UBND" in str(noi_vu["DESCRIPTION"])
    assert b"\r\n" in data and calendar["PRODID"]


# -- the command line ------------------------------------------------------------------


def _app():
    _register()
    return app


def test_query_command_formats(store):
    runner = CliRunner()
    base = ["query", "--store", str(store.root), "--owner", "so noi vu"]
    as_json = runner.invoke(_app(), [*base, "--due-before", "2024-06-30", "-f", "json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    assert [(r["number"], r["task_id"]) for r in rows] == [("126/KH-UBND", "1")]
    as_csv = runner.invoke(_app(), [*base, "-f", "csv"])
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == 2
    table = runner.invoke(_app(), [*base, "--overdue", "--as-of", "2024-07-01"])
    assert table.exit_code == 0 and "126/KH-UBND" in table.stdout
    bad = runner.invoke(_app(), [*base, "--due-before", "30/6"])
    assert bad.exit_code != 0


def test_sql_and_export_commands(store, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(
        _app(),
        [
            "sql",
            "SELECT number FROM documents ORDER BY number",
            "--store",
            str(store.root),
            "-f",
            "json",
        ],
    )
    assert json.loads(ok.stdout) == [{"number": "126/KH-UBND"}, {"number": "2268/UBND-TTHC"}]
    refused = runner.invoke(_app(), ["sql", "DELETE FROM tasks", "--store", str(store.root)])
    assert refused.exit_code == QueryError.exit_code
    target = tmp_path / "deadlines.ics"
    done = runner.invoke(
        _app(), ["export", "--store", str(store.root), "-f", "ics", "-o", str(target)]
    )
    assert done.exit_code == 0, done.output
    assert len(Calendar.from_ical(target.read_bytes()).walk("VTODO")) == 4


def test_index_file_is_plain_sqlite(store):
    # Tools other than vanban can read it.
    conn = sqlite3.connect(store.root / "index.sqlite")
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    conn.close()


def test_index_of_another_version_is_rebuilt_on_open(tmp_path):
    root = tmp_path / "store"
    with corpus.open(root) as opened:
        opened.put(PLAN)
        opened.conn.execute("PRAGMA user_version = 999")
    with corpus.open(root) as reopened:
        assert reopened.sql("SELECT count(*) FROM tasks")[1] == [(3,)]
        assert reopened.documents(text="sipas")[0].number == "126/KH-UBND"
