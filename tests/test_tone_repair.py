"""The tone marks Tesseract's Vietnamese model drops beside a hat are put back, in place."""

from __future__ import annotations

import pytest

from vanban.ingest.scan import _with_marks
from vanban.models.document import Word
from vanban.normalize.tone_repair import repaired


@pytest.mark.parametrize(("read", "meant"), [
    ("Các đơn vị được kiêm tra báo cáo kết quả", "Các đơn vị được kiểm tra báo cáo kết quả"),
    ("Sở Nội vụ chủ trì tô chức thực hiện", "Sở Nội vụ chủ trì tổ chức thực hiện"),
    # a stop ends no unmarked hat: sắc is the one mark beside it
    ("đề nghị Giám đôc Sở cung câp hồ sơ", "đề nghị Giám đốc Sở cung cấp hồ sơ"),
    ("CÔNG HÒA XÃ HỘI, QUÔC HỘI", "CÔNG HÒA XÃ HỘI, QUỐC HỘI"),
    # a hat lost with its mark kept, or the wrong mark beside it
    ("Ủy ban nhân dân thành phó Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
    ("nhằm đảm bảo an toàn, phòng, chồng thiên tai", "nhằm đảm bảo an toàn, phòng, chống thiên tai"),
    ("triển khai các giải pháp nhăm bảo đảm an toàn", "triển khai các giải pháp nhằm bảo đảm an toàn"),
])
def test_a_dropped_mark_is_put_back(read, meant):
    assert repaired(read) == meant


@pytest.mark.parametrize("right", [
    "Đồng chí Trưởng phòng kiêm nhiệm Phó Giám đốc",  # "kiêm" is a word
    "nêu rõ trên hôm nay, Lê Văn Tâm, bê tông cốt thép",
    "Các cơ quan thông tin, truyền thông của tỉnh",
    "Phó Chủ tịch UBND thành phố; đề nghị Sở Xây dựng",
])
def test_words_right_without_a_mark_stay(right):
    assert repaired(right) == right


def test_the_page_words_keep_their_places():
    text = "Giao Sở Y tế kiêm tra"
    words = [Word(text[a:b], a, b, (0, 0, 1, 1)) for a, b in ((0, 4), (5, 7), (8, 9), (10, 12),
                                                               (13, 17), (18, 21))]
    marked, fixed = _with_marks(text, words)
    assert marked == "Giao Sở Y tế kiểm tra"
    assert [w.text for w in fixed] == marked.split()
    assert all(marked[w.start : w.end] == w.text for w in fixed)
