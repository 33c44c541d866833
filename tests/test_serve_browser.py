"""The clerk's desk in a real headless Chromium, against `vanban serve` run as a process.

A scanned PDF and a text-layer PDF are uploaded through the page; their fields and
evidence boxes show; a task's owner and deadline are corrected and the document is
marked reviewed; then `vanban export` and the API return the corrected values, and a
forced reprocess (`vanban batch --force`) keeps them. Screenshots go to the test's
folder, and to $VANBAN_SCREENSHOTS (docs/screenshots/ for the README) when set.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.render import SAMPLE, SCAN, degrade, images_to_pdf, rasterise, render_pdf

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                       reason="chromium and chromium-driver are not installed"),
]

# The directive of the scan: another office's letter, so the two documents differ.
SCAN_TEXT = SAMPLE.replace("1288/UBND-KTTH", "1402/UBND-NC").replace(
    "ngày 12 tháng 3", "ngày 18 tháng 3").replace("30/4/2024", "15/5/2024")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vanban(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vanban", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def server(tmp_path):
    store = tmp_path / "store"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "vanban", "serve", "--store", str(store), "--port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get_json(base + "/health")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError((tmp_path / "serve.log").read_text()) from None
            time.sleep(0.2)
    yield base, store, env
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture
def browser(monkeypatch):
    # Debian's chromium and its driver, named explicitly: Selenium Manager downloads nothing
    monkeypatch.setenv("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(300)
    yield driver
    driver.quit()


def save(driver, name: str, folder: Path) -> None:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    wanted = os.environ.get("VANBAN_SCREENSHOTS")
    if wanted:
        from PIL import Image

        target = Path(wanted)
        target.mkdir(parents=True, exist_ok=True)
        # a small palette PNG: screenshots are committed
        image = Image.open(path).convert("RGB")
        image = image.resize((1000, round(image.height * 1000 / image.width)), Image.LANCZOS)
        image.quantize(colors=48).save(target / path.name, optimize=True)


def upload(driver, base: str, path: Path) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/tai-len")
    driver.find_element(By.ID, "upload-file").send_keys(str(path))
    driver.find_element(By.ID, "upload-submit").click()
    WebDriverWait(driver, 300).until(ec.url_contains("/van-ban/"))
    return driver.current_url.rsplit("/", 1)[-1].split("?")[0]


def field(driver, path: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f'[name="f.{path}"]')


def boxes_over_page(driver) -> list:
    """Evidence boxes drawn inside the page image's rectangle, and visible."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    image = driver.find_element(By.CSS_SELECTOR, "figure.page img")
    driver.execute_script("arguments[0].scrollIntoView()", image)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", image))
    frame = image.rect
    inside = []
    for box in driver.find_elements(By.CSS_SELECTOR, "figure.page .box"):
        r = box.rect
        if (box.is_displayed() and r["width"] > 0 and frame["x"] <= r["x"] <= frame["x"]
                + frame["width"] and frame["y"] <= r["y"] <= frame["y"] + frame["height"]):
            inside.append(box)
    return inside


def test_review_correct_and_keep_corrections_through_reprocessing(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, store, env = server
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text_pdf = render_pdf(SAMPLE, inbox / "cong-van-1288.pdf")
    scan = [degrade(page, **SCAN) for page in rasterise(render_pdf(SCAN_TEXT, tmp_path / "s.pdf"))]
    scan_pdf = images_to_pdf(scan, tmp_path / "ban-quet-1402.pdf")

    # 1. the scan: read by OCR, its fields and boxes on the page image
    scan_sha = upload(browser, base, scan_pdf)
    assert "1402/UBND-NC" in field(browser, "number").get_attribute("value")
    assert len(boxes_over_page(browser)) >= 3
    field(browser, "number").click()  # its box lights up on the scan
    scan_key = browser.find_element(
        By.CSS_SELECTOR, '.field[data-path="number"]').get_attribute("data-key")
    assert "is-hot" in browser.find_element(
        By.CSS_SELECTOR, f'.box[data-key="{scan_key}"]').get_attribute("class")
    time.sleep(0.6)  # the smooth scroll to the box, for the screenshot
    save(browser, "document-scan", tmp_path)

    # 2. the text-layer PDF: a click on a field lights its box, a click on a box its field
    sha = upload(browser, base, text_pdf)
    assert field(browser, "number").get_attribute("value") == "1288/UBND-KTTH"
    assert field(browser, "date").get_attribute("value") == "12/03/2024"
    drawn = boxes_over_page(browser)
    assert drawn
    number_row = browser.find_element(By.CSS_SELECTOR, '.field[data-path="number"]')
    field(browser, "number").click()
    key = number_row.get_attribute("data-key")
    box = browser.find_element(By.CSS_SELECTOR, f'.box[data-key="{key}"]')
    assert "is-hot" in box.get_attribute("class")
    subject_key = browser.find_element(
        By.CSS_SELECTOR, '.field[data-path="subject"]').get_attribute("data-key")
    browser.find_element(By.CSS_SELECTOR, f'.box[data-key="{subject_key}"]').click()
    assert browser.switch_to.active_element.get_attribute("name") == "f.subject"
    # keyboard: Alt+↓ moves to the next field
    browser.switch_to.active_element.send_keys(Keys.ALT, Keys.ARROW_DOWN)
    assert browser.switch_to.active_element.get_attribute("name") == "f.addressees"

    # 3. correct the task's owner and deadline, then "Đã duyệt"
    task_id = browser.find_element(By.CSS_SELECTOR, ".task[data-task]").get_attribute("data-task")
    owners = field(browser, f"tasks[{task_id}].owners")
    assert "Sở Nông nghiệp và Phát triển nông thôn" in owners.get_attribute("value")
    owners.clear()
    owners.send_keys("Sở Tài chính; Sở Nông nghiệp và Môi trường")
    deadline = field(browser, f"tasks[{task_id}].deadline.date")
    assert deadline.get_attribute("value") == "30/04/2024"
    deadline.clear()
    deadline.send_keys("20/05/2024")
    browser.find_element(By.NAME, "by").send_keys("Lan")
    save(browser, "document-editing", tmp_path)
    browser.find_element(By.ID, "review").click()
    WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.ID, "message")))
    assert browser.find_element(By.ID, "reviewed-tag").text == "Đã duyệt"
    assert field(browser, f"tasks[{task_id}].owners").get_attribute("value") == (
        "Sở Tài chính; Sở Nông nghiệp và Môi trường")
    assert "Máy đọc được" in browser.page_source  # the machine's value is still shown

    # 4. the queue (reviewed last) and the task board
    browser.get(base + "/")
    rows = browser.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
    assert len(rows) == 2 and "1288/UBND-KTTH" in rows[-1].text and "Đã duyệt" in rows[-1].text
    save(browser, "queue", tmp_path)
    browser.get(base + "/nhiem-vu?as_of=2024-05-18")  # the scan's task, due 15/5, is late
    board = browser.find_element(By.ID, "board").text
    assert "Sở Tài chính" in board and "quá hạn 3 ngày" in board
    assert board.index("quá hạn 3 ngày") < board.index("Sở Tài chính")  # overdue first
    save(browser, "board", tmp_path)
    # the late task is done: "✓ Xong" takes it off the board
    browser.find_element(By.CSS_SELECTOR, "tr.overdue td.done button").click()
    WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.ID, "message")))
    assert "quá hạn 3 ngày" not in browser.find_element(By.ID, "board").text
    assert scan_sha not in {t["sha256"] for t in get_json(f"{base}/api/tasks?open=true")}

    def corrected_everywhere() -> None:
        record = get_json(f"{base}/api/documents/{sha}")
        task = next(t for t in record["tasks"] if t["id"] == task_id)
        assert [o["name"] for o in task["owners"]] == [
            "Sở Tài chính", "Sở Nông nghiệp và Môi trường"]
        assert task["deadline"]["date"] == "2024-05-20"
        done = vanban("export", "--format", "csv", "--store", str(store), env=env)
        assert done.returncode == 0, done.stderr
        rows = [r for r in csv.DictReader(io.StringIO(done.stdout)) if r["sha256"] == sha
                and r["task_id"] == task_id]
        assert [(r["owner"], r["deadline_date"]) for r in rows] == [
            ("Sở Tài chính", "2024-05-20"), ("Sở Nông nghiệp và Môi trường", "2024-05-20")]
        assert get_json(f"{base}/api/tasks?owner=so+tai+chinh")[0]["sha256"] == sha

    # 5. export and API return the corrected values; a forced reprocess keeps them
    corrected_everywhere()
    before = (store / f"{sha}.json").stat().st_mtime_ns
    done = vanban("batch", str(inbox), "--out", str(store), "--force", "--no-progress", env=env)
    assert done.returncode == 0, done.stderr
    assert (store / f"{sha}.json").stat().st_mtime_ns != before  # the machine's record is new
    corrected_everywhere()
    assert get_json(f"{base}/api/documents/{scan_sha}")["number"] == "1402/UBND-NC"
