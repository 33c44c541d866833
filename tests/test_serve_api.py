"""The desk's HTTP API and pages, through the app factory, over a real store.

Two records are put directly (their extraction is tested elsewhere); uploads go
through the real pipeline (a directive as text, a text-layer PDF).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
from fastapi.testclient import TestClient

from tests.render import SAMPLE, render_pdf
from tests.test_corpus import LETTER, PLAN
from vanban import corpus
from vanban.corpus.store import record_sha256
from vanban.errors import VanbanError
from vanban.runs.serve import ServeSettings, create_app
from vanban.runs.serve.settings import ServeError, is_local

PLAN_SHA = record_sha256(PLAN)
LETTER_SHA = record_sha256(LETTER)
TOKEN = "a-long-enough-test-token"
LOCAL = "http://127.0.0.1:8000"


@pytest.fixture
def store_root(tmp_path):
    root = tmp_path / "store"
    with corpus.open(root) as opened:
        opened.put(PLAN)
        low = LETTER.model_copy(deep=True)
        low.quality.confidence = 0.5  # the least certain: first in the queue
        opened.put(low)
    return root


def client_for(root, base_url: str = LOCAL, **settings) -> TestClient:
    return TestClient(create_app(ServeSettings(store=root, **settings)), base_url=base_url)


@pytest.fixture
def client(store_root):
    with client_for(store_root) as c:
        yield c


# -- reading -----------------------------------------------------------------------------


def test_health(client):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["documents"] == 2
    assert body["writes_need_token"] is False


def test_documents_come_least_certain_first_and_filter_like_query(client):
    rows = client.get("/api/documents").json()["rows"]
    assert [r["number"] for r in rows] == ["2268/UBND-TTHC", "126/KH-UBND"]
    assert rows[0]["confidence"] == 0.5 and rows[0]["reviewed_at"] is None

    def numbers(**params):
        response = client.get("/api/documents", params=params)
        assert response.status_code == 200, response.text
        return [r["number"] for r in response.json()["rows"]]

    assert numbers(issuer="dak lak") == ["2268/UBND-TTHC"]
    assert numbers(type="ke hoach") == ["126/KH-UBND"]
    assert numbers(text="thu tuc hanh chinh dat dai") == ["2268/UBND-TTHC"]
    assert numbers(owner="so ngoai vu") == ["126/KH-UBND"]
    assert numbers(overdue=True, as_of="2024-05-01") == ["2268/UBND-TTHC"]
    assert numbers(due_after="2024-09-01") == ["126/KH-UBND"]
    assert numbers(reviewed=True) == []
    assert client.get("/api/documents", params={"limit": 0}).status_code == 422


def test_a_document_is_its_effective_record(client):
    response = client.get(f"/api/documents/{PLAN_SHA}")
    assert response.status_code == 200
    assert response.json()["number"] == "126/KH-UBND"
    assert client.get(f"/api/documents/{PLAN_SHA}/machine").json()["tasks"][0]["id"] == "1"


@pytest.mark.parametrize("sha", ["0" * 64, "..%2F..%2Findex", "abc"])
def test_an_unknown_document_is_404_with_a_reason(client, sha):
    response = client.get(f"/api/documents/{sha}")
    assert response.status_code == 404
    body = response.json()
    assert body["reason"] and body["error"] in ("NotFoundError", "HTTPError")
    if len(sha) == 64:
        assert "no such document" in body["reason"]


def test_tasks_take_the_filters_of_vanban_query(client):
    def tasks(**params):
        response = client.get("/api/tasks", params=params)
        assert response.status_code == 200, response.text
        return sorted((t["number"], t["task_id"]) for t in response.json())

    assert len(tasks()) == 4
    assert tasks(owner="so noi vu") == [("126/KH-UBND", "1"), ("126/KH-UBND", "2.b")]
    assert tasks(owner="so noi vu", co_owners=True) == [
        ("126/KH-UBND", "1"), ("126/KH-UBND", "2.b"), ("2268/UBND-TTHC", "1")]
    assert tasks(due_before="2024-06-30") == [("126/KH-UBND", "1"), ("2268/UBND-TTHC", "1")]
    assert tasks(overdue=True, as_of="2024-07-01") == [
        ("126/KH-UBND", "1"), ("2268/UBND-TTHC", "1")]
    assert tasks(text="phan tich nguyen nhan") == [("126/KH-UBND", "2.a")]
    assert tasks(number="2268") == [("2268/UBND-TTHC", "1")]
    assert len(client.get("/api/tasks", params={"limit": 1}).json()) == 1
    bad = client.get("/api/tasks", params={"due_before": "30/6/2024"})
    assert bad.status_code == 422 and "due_before" in bad.json()["reason"]


def test_exports(client):
    jsonl = client.get("/api/export/jsonl")
    assert jsonl.status_code == 200 and jsonl.headers["content-type"] == "application/x-ndjson"
    assert {json.loads(line)["number"] for line in jsonl.text.splitlines()} == {
        "126/KH-UBND", "2268/UBND-TTHC"}
    table = client.get("/api/export/csv")
    assert table.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(table.text)))) == 5  # task × owner
    ics = client.get("/api/export/ics")
    assert ics.text.count("BEGIN:VTODO") == 4  # the recurring duty too, with its RRULE
    assert client.get("/api/export/xlsx").status_code == 422


def test_exports_say_which_tasks_the_clerk_marked_done(store_root, client):
    with corpus.open(store_root) as store:
        store.mark_done(record_sha256(PLAN), "1", by="an")
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/csv").text)))
    status = {(r["doc_number"], r["task_id"]): r["status"] for r in rows}
    assert status[("126/KH-UBND", "1")] == "done"
    assert status[("126/KH-UBND", "2.a")] != "done"
    assert client.get("/api/export/ics").text.count("STATUS:COMPLETED") == 1


def test_openapi_documents_every_endpoint(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/health", "/api/documents", "/api/documents/{sha256}", "/api/tasks",
                 "/api/documents/{sha256}/corrections", "/api/export/{fmt}"):
        assert path in paths
    assert "patch" in paths["/api/documents/{sha256}/corrections"]
    assert "post" in paths["/api/documents"]


# -- corrections -------------------------------------------------------------------------


def test_patch_corrections_returns_the_effective_record_everywhere(client):
    response = client.patch(f"/api/documents/{PLAN_SHA}/corrections", json={
        "changes": [{"path": "tasks[1].owners", "value": ["Sở Tư pháp"]},
                    {"path": "tasks[1].deadline.date", "value": "2024-07-15"}],
        "reviewed": True, "by": "Lan"})
    assert response.status_code == 200, response.text
    task = response.json()["tasks"][0]
    assert task["owners"][0]["name"] == "Sở Tư pháp" and task["deadline"]["date"] == "2024-07-15"
    assert [t["task_id"] for t in client.get("/api/tasks", params={"owner": "so tu phap"}).json()
            ] == ["1"]
    assert "Sở Tư pháp" in client.get("/api/export/csv").text
    layer = client.get(f"/api/documents/{PLAN_SHA}/corrections").json()
    assert [c["path"] for c in layer["layer"]["corrections"]] == [
        "tasks[1].owners", "tasks[1].deadline.date"]
    assert layer["layer"]["reviewed"]["by"] == "Lan" and layer["stale"] == []
    rows = client.get("/api/documents", params={"reviewed": True}).json()["rows"]
    assert [r["number"] for r in rows] == ["126/KH-UBND"] and rows[0]["corrections"] == 2


@pytest.mark.parametrize(("change", "status", "reason"), [
    ({"path": "provenance.source", "value": "x"}, 422, "not a field a correction can change"),
    ({"path": "tasks[9].text", "value": "x"}, 422, "no such field"),
    ({"path": "date", "value": "tomorrow"}, 422, "not an ISO date"),
])
def test_bad_corrections_are_refused_with_the_reason(client, change, status, reason):
    response = client.patch(f"/api/documents/{PLAN_SHA}/corrections", json={"changes": [change]})
    assert response.status_code == status
    assert reason in response.json()["reason"]
    assert client.patch(f"/api/documents/{'0' * 64}/corrections",
                        json={"changes": []}).status_code == 404


# -- uploads -----------------------------------------------------------------------------


def test_an_uploaded_file_is_processed_like_a_dropped_one(client, tmp_path):
    pdf = render_pdf(SAMPLE, tmp_path / "cong-van.pdf")
    response = client.post("/api/documents", files={"file": ("../../etc/cong-van.pdf",
                                                             pdf.read_bytes(), "application/pdf")})
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["number"] == "1288/UBND-KTTH"
    assert record["provenance"]["file_name"] == "cong-van.pdf"  # a label, never a path
    sha = record["provenance"]["sha256"]
    assert response.headers["location"] == f"/api/documents/{sha}"
    # the original is kept by content, so the page can be shown after the inbox is emptied
    page = client.get(f"/api/documents/{sha}/pages/1.png")
    assert page.status_code == 200 and page.content.startswith(b"\x89PNG")
    assert client.get(f"/api/documents/{sha}/pages/2.png").status_code == 404
    again = client.post("/api/documents", files={"file": ("copy.pdf", pdf.read_bytes())})
    assert again.status_code == 200 and again.json()["provenance"]["sha256"] == sha
    # on a text-layer page a field's box is its whole span: the two lines of the subject
    html = client.get(f"/van-ban/{sha}").text
    key = re.search(r'data-key="(k\d+)" data-path="subject"', html).group(1)
    assert len(re.findall(rf'class="box" tabindex="-1" data-key="{key}"', html)) == 2


@pytest.mark.parametrize(("name", "data", "status", "reason"), [
    ("anh.gif", b"GIF89a\x01\x00\x01\x00", 415, "unsupported content (GIF image)"),
    ("trong.txt", b"", 422, "empty file"),
    ("to.txt", b"x" * 3000, 413, "over the upload limit"),
    ("hong.pdf", b"%PDF-1.7\n garbage", 422, "hong.pdf: "),
])
def test_a_bad_upload_is_refused_with_its_reason(store_root, name, data, status, reason):
    with client_for(store_root, max_upload_bytes=2000) as c:
        response = c.post("/api/documents", files={"file": (name, data)})
        assert response.status_code == status, response.text
        assert reason in response.json()["reason"]
        assert c.get("/health").json()["documents"] == 2


def test_an_oversized_request_is_refused_before_it_is_read(store_root):
    with client_for(store_root, max_upload_bytes=10) as c:
        response = c.post("/api/documents", files={"file": ("big.txt", b"x" * 2_000_000)})
        assert response.status_code == 413


# -- safe by default ---------------------------------------------------------------------


def test_only_loopback_is_local():
    assert is_local("127.0.0.1") and is_local("::1") and is_local("localhost")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.5") and not is_local("desk.lan")


def test_binding_beyond_loopback_without_a_token_is_refused(store_root):
    with pytest.raises(ServeError, match="token"):
        create_app(ServeSettings(store=store_root, host="0.0.0.0"))


def test_writes_need_the_token_when_bound_beyond_loopback(store_root):
    with client_for(store_root, host="0.0.0.0", token=TOKEN,
                    base_url="http://10.0.0.5:8000") as c:
        assert c.get("/api/documents").status_code == 200  # reads are open
        patch = {"changes": [{"path": "number", "value": "1/X"}]}
        url = f"/api/documents/{PLAN_SHA}/corrections"
        refused = c.patch(url, json=patch)
        assert refused.status_code == 401 and "token" in refused.json()["reason"]
        assert c.patch(url, json=patch, headers={"Authorization": "Bearer wrong"}
                       ).status_code == 401
        upload = c.post("/api/documents", files={"file": ("a.txt", SAMPLE.encode())})
        assert upload.status_code == 401
        ok = c.patch(url, json=patch, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and ok.json()["number"] == "1/X"
        assert c.patch(url, json=patch, headers={"X-Vanban-Token": TOKEN}).status_code == 200


def test_a_write_from_another_site_is_refused(client):
    response = client.patch(f"/api/documents/{PLAN_SHA}/corrections",
                            json={"changes": [{"path": "number", "value": "1/X"}]},
                            headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and "origin" in response.json()["reason"]
    assert client.get("/health", headers={"Host": "evil.example"}).status_code == 400


# -- the pages ---------------------------------------------------------------------------


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_pages_render_in_vietnamese(client):
    queue = client.get("/")
    assert queue.status_code == 200 and "Hàng chờ duyệt" in queue.text
    assert queue.text.index("2268/UBND-TTHC") < queue.text.index("126/KH-UBND")
    assert "2268/UBND-TTHC" not in client.get("/", params={"q": "par index"}).text
    doc = client.get(f"/van-ban/{PLAN_SHA}")
    assert doc.status_code == 200 and "Đã duyệt" in doc.text and 'name="f.tasks[1].owners"' in doc.text
    board = client.get("/nhiem-vu", params={"as_of": "2024-07-01"})
    assert board.status_code == 200
    # overdue first: the owner with the task due on 15/4 heads the board
    assert board.text.index("Sở Tài nguyên và Môi trường") < board.text.index("Sở Ngoại vụ")
    assert "quá hạn" in board.text
    assert client.get(f"/van-ban/{'0' * 64}").status_code == 404


def test_the_form_saves_corrections_and_marks_reviewed(client):
    html = client.get(f"/van-ban/{PLAN_SHA}").text
    form = {"csrf": csrf_of(html), "f.tasks[1].owners": "Sở Y tế; Sở Tư pháp",
            "f.tasks[1].deadline.date": "15/7/2024", "f.number": "126/KH-UBND",
            "remove.2.b": "1", "new.id": "+1", "new.text": "Tổng kết năm",
            "new.owners": "Sở Nội vụ", "new.deadline": "31/12/2024", "action": "review",
            "by": "Lan"}
    response = client.post(f"/van-ban/{PLAN_SHA}", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    record = client.get(f"/api/documents/{PLAN_SHA}").json()
    assert [t["id"] for t in record["tasks"]] == ["1", "2.a", "+1"]
    assert [o["name"] for o in record["tasks"][0]["owners"]] == ["Sở Y tế", "Sở Tư pháp"]
    assert record["tasks"][0]["deadline"]["date"] == "2024-07-15"
    assert record["number"] == "126/KH-UBND"  # unchanged: no correction made
    layer = client.get(f"/api/documents/{PLAN_SHA}/corrections").json()["layer"]
    assert layer["reviewed"]["by"] == "Lan" and len(layer["corrections"]) == 4
    shown = client.get(response.headers["location"]).text
    assert "Đã lưu và đánh dấu đã duyệt." in shown


def test_a_form_without_its_csrf_token_is_refused(client):
    client.get("/")  # the page sets its CSRF cookie
    response = client.post(f"/van-ban/{PLAN_SHA}", data={"f.number": "1/X", "csrf": "forged"})
    assert response.status_code == 403 and "CSRF" in response.text
    assert client.get(f"/api/documents/{PLAN_SHA}").json()["number"] == "126/KH-UBND"


def test_the_page_logs_in_with_the_token_when_bound_beyond_loopback(store_root):
    with client_for(store_root, host="0.0.0.0", token=TOKEN,
                    base_url="http://10.0.0.5:8000") as c:
        html = c.get(f"/van-ban/{PLAN_SHA}").text
        assert 'href="/dang-nhap"' in html
        form = {"csrf": csrf_of(html), "f.number": "127/KH-UBND"}
        assert c.post(f"/van-ban/{PLAN_SHA}", data=form).status_code == 401
        assert c.post("/dang-nhap", data={"token": "wrong"}).status_code == 401
        logged = c.post("/dang-nhap", data={"token": TOKEN}, follow_redirects=False)
        assert logged.status_code == 303
        saved = c.post(f"/van-ban/{PLAN_SHA}", data=form, follow_redirects=False)
        assert saved.status_code == 303
        assert c.get(f"/api/documents/{PLAN_SHA}").json()["number"] == "127/KH-UBND"


def test_serve_watches_an_inbox_in_the_same_process(store_root, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with client_for(store_root, watch=inbox) as c:
        assert c.get("/health").json()["watching"] == str(inbox)
        (inbox / "cong-van.txt").write_text(SAMPLE, encoding="utf-8")
        deadline = time.monotonic() + 60
        while c.get("/health").json()["documents"] < 3:
            assert time.monotonic() < deadline, "the watcher never stored the file"
            time.sleep(0.2)
        rows = c.get("/api/documents", params={"number": "1288"}).json()["rows"]
        assert [r["file_name"] for r in rows] == ["cong-van.txt"]
    assert (inbox / "processed" / "cong-van.txt").exists()
    # the store keeps the original, so the page can show it once the inbox is emptied
    assert (store_root / "originals" / rows[0]["sha256"]).read_text(encoding="utf-8") == SAMPLE


def test_watching_an_inbox_that_holds_the_store_is_refused(store_root):
    with pytest.raises(VanbanError, match="inside the watched folder"):
        create_app(ServeSettings(store=store_root, watch=store_root.parent))


def test_vanban_serve_refuses_a_public_address_without_a_token(store_root, monkeypatch):
    from typer.testing import CliRunner

    from vanban.cli import _register, app

    _register()
    monkeypatch.delenv("VANBAN_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--store", str(store_root), "--host", "0.0.0.0"])
    assert result.exit_code == 4
    assert "set a token for writes" in result.output
    short = store_root.parent / "token"
    short.write_text("abc\n")
    result = CliRunner().invoke(app, ["serve", "--store", str(store_root), "--host", "0.0.0.0",
                                      "--token-file", str(short)])
    assert result.exit_code == 4 and "at least 16 characters" in result.output


def test_a_task_marked_done_on_the_board_leaves_it_and_can_come_back(client):
    html = client.get("/nhiem-vu", params={"as_of": "2024-07-01"}).text
    assert "Rà soát, đơn giản hóa thủ tục hành chính về đất đai" in html
    form = {"csrf": csrf_of(html), "sha256": LETTER_SHA, "task_id": "1",
            "back": "as_of=2024-07-01"}
    done = client.post("/nhiem-vu/xong", data=form)
    assert done.status_code == 200 and "Đã đánh dấu xong nhiệm vụ 1." in done.text
    assert "Rà soát, đơn giản hóa thủ tục hành chính về đất đai" not in done.text
    open_tasks = client.get("/api/tasks", params={"open": True}).json()
    assert LETTER_SHA not in {t["sha256"] for t in open_tasks} and len(open_tasks) == 3
    undo = client.post("/nhiem-vu/xong", data={**form, "done": "0"})
    assert "Rà soát, đơn giản hóa thủ tục hành chính về đất đai" in undo.text
    # the page's cookies are in this client: a write through the API needs the CSRF header
    url = f"/api/documents/{PLAN_SHA}/corrections"
    assert client.patch(url, json={"done": {"2.b": True}}).status_code == 403
    patch = client.patch(url, json={"done": {"2.b": True}}, headers={"X-CSRF-Token": form["csrf"]})
    assert patch.status_code == 200
    assert len(client.get("/api/tasks", params={"open": True}).json()) == 3


def test_saving_an_unchanged_form_makes_no_correction(client):
    html = client.get(f"/van-ban/{PLAN_SHA}").text
    fields = dict(re.findall(r'name="(f\.[^"]+)" value="([^"]*)"', html))
    assert fields["f.number"] == "126/KH-UBND" and fields["f.tasks[1].deadline.date"] == "30/06/2024"
    response = client.post(f"/van-ban/{PLAN_SHA}", data={"csrf": csrf_of(html), **fields})
    assert "Không có thay đổi." in response.text
    assert client.get(f"/api/documents/{PLAN_SHA}/corrections").json()["layer"]["corrections"] == []
