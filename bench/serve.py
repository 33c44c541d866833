"""The desk's queue and task board with 5,000 records in the store, against a 300 ms target.

A store of N synthetic directives (8 tasks each, 40 owners, deadlines spread over
two years, a tenth with corrections, a third reviewed) is built once; then each page
and API call is timed through the app (HTTP, query, rendering), side by side with
the store query underneath it, and printed as a ratio to the target.

    python bench/serve.py [--records 5000] [--repeat 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from vanban import corpus
from vanban.corpus import corrections
from vanban.corpus.query import TaskFilter
from vanban.corpus.store import prepare
from vanban.models import Agency, Deadline, Directive, Provenance, Quality, Task
from vanban.runs.serve import ServeSettings, create_app, desk

TARGET_MS = 300.0
OWNERS = [f"{kind} {name}" for kind in ("Sở", "Ban", "UBND huyện") for name in (
    "Nội vụ", "Tư pháp", "Tài chính", "Y tế", "Giáo dục và Đào tạo", "Xây dựng", "Công Thương",
    "Nông nghiệp và Môi trường", "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ",
    "Dân tộc", "Ngoại vụ", "Sơn Tịnh", "Bình Sơn")][:40]
VERBS = ["Rà soát", "Tổ chức triển khai", "Báo cáo kết quả", "Tham mưu", "Hướng dẫn", "Kiểm tra"]
TOPICS = ["thủ tục hành chính", "chỉ số cải cách hành chính", "phòng, chống dịch bệnh",
          "chuyển đổi số", "an toàn giao thông", "giải ngân vốn đầu tư công"]


def directive(i: int, rng: random.Random) -> Directive:
    issued = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    tasks = []
    for n in range(1, 9):
        due = issued + dt.timedelta(days=rng.randrange(10, 200)) if rng.random() < 0.8 else None
        tasks.append(Task(
            id=str(n),
            text=f"{rng.choice(VERBS)} {rng.choice(TOPICS)} năm {issued.year} (mục {n})",
            owners=[Agency(name=rng.choice(OWNERS))],
            co_owners=[Agency(name=rng.choice(OWNERS))] if rng.random() < 0.4 else [],
            deadline=Deadline(date=due, text=f"trước ngày {due:%d/%m/%Y}") if due else None,
        ))
    body = "\n".join(f"{t.id}. {t.text}" for t in tasks)
    return Directive(
        doc_id=f"cv-{i}", number=f"{i}/UBND-KT", date=issued, doc_type="Công văn",
        issuer=Agency(name="Ủy ban nhân dân tỉnh Quảng Ngãi"),
        subject=f"Triển khai {rng.choice(TOPICS)} số {i}", tasks=tasks, text=body,
        quality=Quality(confidence=round(rng.uniform(0.55, 1.0), 3)),
        provenance=Provenance(sha256=hashlib.sha256(f"bench {i}".encode()).hexdigest(),
                              file_name=f"cv-{i}.pdf", pipeline_version="bench",
                              processed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
    )


def build(root: Path, n: int) -> None:
    rng = random.Random(7)
    records = [directive(i, rng) for i in range(n)]
    with corpus.open(root) as store, store.bulk():
        for start in range(0, n, 500):
            store.put_many([(prepare(r), None) for r in records[start:start + 500]])
        for record in records[::10]:
            sha = record.provenance.sha256
            store.correct(sha, [("tasks[1].owners", ["Sở Tư pháp"])], by="bench")
        for record in records[::3]:
            corrections.review(store.root, record.provenance.sha256, by="bench")
        store.reindex()


def timed(call, repeat: int) -> tuple[float, float]:
    call()  # warm: templates compiled, pages in the OS cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) the store here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch) / "store"
        if not (root / "index.sqlite").exists():
            started = time.perf_counter()
            build(root, args.records)
            seconds = time.perf_counter() - started
            print(f"built a store of {args.records} records in {seconds:.1f}s")
        app = create_app(ServeSettings(store=root))
        # the app's connection belongs to its event loop's thread: the queries underneath
        # run on a store of their own
        with TestClient(app, base_url="http://127.0.0.1:8000") as client, \
                corpus.open(root) as store:
            conn = store.conn
            as_of = "2025-06-01"
            cases = [
                ("queue page /", lambda: client.get("/"),
                 lambda: desk.queue(conn, desk.QueueFilter())),
                ("queue, search q=chuyen doi so", lambda: client.get("/?q=chuyen+doi+so"),
                 lambda: desk.queue(conn, desk.QueueFilter(text="chuyen doi so"))),
                ("queue, owner + overdue", lambda: client.get(
                    "/?owner=so+tu+phap&overdue=1"),
                 lambda: desk.queue(conn, desk.QueueFilter(owner="so tu phap", overdue=True))),
                ("task board /nhiem-vu", lambda: client.get(f"/nhiem-vu?as_of={as_of}"),
                 lambda: desk.board(conn, TaskFilter(as_of=dt.date.fromisoformat(as_of)))),
                ("task board, one owner", lambda: client.get(
                    f"/nhiem-vu?owner=so+y+te&as_of={as_of}"),
                 lambda: desk.board(conn, TaskFilter(owner="so y te",
                                                     as_of=dt.date.fromisoformat(as_of)))),
                ("API /api/documents", lambda: client.get("/api/documents"),
                 lambda: desk.queue(conn, desk.QueueFilter())),
                ("API /api/tasks?overdue", lambda: client.get(
                    f"/api/tasks?overdue=true&as_of={as_of}&limit=300"),
                 lambda: store.tasks(overdue=True, as_of=dt.date(2025, 6, 1),
                                                    limit=300)),
            ]
            tasks = conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
            print(f"{args.records} records, {tasks} tasks; median and p95 of {args.repeat} "
                  f"runs; target {TARGET_MS:.0f} ms")
            print(f"{'request':<32}{'query ms':>10}{'page ms':>10}{'p95 ms':>9}"
                  f"{'target/page':>13}")
            for name, page, underneath in cases:
                assert page().status_code == 200
                query_ms, _ = timed(underneath, args.repeat)
                page_ms, p95 = timed(page, args.repeat)
                print(f"{name:<32}{query_ms:>10.1f}{page_ms:>10.1f}{p95:>9.1f}"
                      f"{TARGET_MS / page_ms:>12.1f}x")


if __name__ == "__main__":
    main()
