"""The page's lines in the order a person reads them, from words with boxes."""

from __future__ import annotations

from vanban.ingest.layout import Line, Token, reading_order


def _line(text: str, x0: float, x1: float, top: float, bottom: float) -> Line:
    """Words spread evenly over [x0, x1], a small space between them."""
    words = text.split()
    step = (x1 - x0) / len(words)
    return Line([Token(w, x0 + k * step, top, x0 + (k + 1) * step - 10, bottom)
                 for k, w in enumerate(words)])


def _read(lines: list[Line]) -> list[str]:
    return [" ".join(t.text for t in line.tokens) for block in reading_order(lines)
            for line in block.lines]


def test_a_speck_beside_a_line_makes_no_column():
    # an OCR's ":" far right of "Kính gửi:" must not split the list under it in two
    # (the boxes of a 300 dpi scan)
    lines = [_line("Kính gửi:", 707, 930, 923, 977), _line(":", 2149, 2154, 946, 952),
             _line("- Các Bộ: Công an, Tư pháp, Tài chính, Xây dựng,", 946, 2136, 990, 1043),
             _line("Nông nghiệp và Môi trường;", 973, 1645, 1057, 1124),
             _line("- Ủy ban nhân dân tỉnh Đồng Nai.", 947, 1751, 1112, 1211)]
    read = _read(lines)
    assert read.index("- Các Bộ: Công an, Tư pháp, Tài chính, Xây dựng,") < read.index(
        "Nông nghiệp và Môi trường;")


def test_a_tall_stamp_line_beside_two_lines_keeps_them_apart():
    # a received-stamp's capitals on the right, as tall as two lines of the subject
    lines = [_line("khẩn cấp đối với Dự án kéo dài tuyến", 321, 1008, 618, 690),
             _line("Metro Bến Thành - Suối Tiên đến Trung", 295, 1038, 667, 728),
             _line("CÔNG THÒNG TIN ĐIỆN TỪ CHÍNH PHÙ", 1664, 2181, 654, 726)]
    read = _read(lines)
    assert read.index("khẩn cấp đối với Dự án kéo dài tuyến") < read.index(
        "Metro Bến Thành - Suối Tiên đến Trung")


def test_an_item_numbered_in_two_levels_starts_its_own_line():
    # a full-width line ending a paragraph, then "6.2 ..." with no gap above it
    from vanban.ingest.layout import compose

    lines = [_line("6.1. Đối với Đoàn: các thành viên thực hiện nghiêm túc kế hoạch.", 300, 2200, 100, 150),
             _line("6.2 Đối với đơn vị được kiểm tra: chuẩn bị báo cáo bằng văn bản", 300, 2200, 160, 210),
             _line("theo đề cương.", 300, 700, 220, 270)]
    text, _ = compose(reading_order(lines), right_margin=2200)
    assert "\n6.2 Đối với đơn vị" in text
    assert "bằng văn bản theo đề cương." in text


def test_a_motto_read_twice_keeps_the_header_in_two_columns():
    # the motto's line read a second time over its underline, its words a little more than
    # a word space apart, must not run the issuer's wrapped name into the motto (the boxes
    # of a 300 dpi scan)
    lines = [_line("UBND TỈNH BẮC NINH", 494, 1064, 178, 227),
             _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1193, 2250, 180, 239),
             _line("BAN QUẢN LÝ ĐỀ ÁN", 503, 1055, 237, 279),
             _line("Độc lập - Tự do - Hạnh phúc", 1386, 2024, 249, 290),
             Line([*_line("Độc lập - Tự do -", 1427, 1791, 254, 328).tokens,
                   *_line("Hạnh phúc", 1852, 2054, 262, 302).tokens]),
             _line("PHÁT TRIỂN NGHỀ CHO", 465, 1092, 288, 338),
             _line("NÔNG DÂN", 611, 948, 342, 386)]
    read = _read(lines)
    assert read[:4] == ["UBND TỈNH BẮC NINH", "BAN QUẢN LÝ ĐỀ ÁN", "PHÁT TRIỂN NGHỀ CHO",
                        "NÔNG DÂN"]
