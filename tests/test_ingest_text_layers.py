"""Text layers of Word's PDFs that lose letters, on fixtures made here: a ToUnicode map
that sends some capitals to a space (the sixteenth round's real e-signed PDF read "Sở ội
vụ" and lost its header's "UBND TỈNH ..."), and a hyphen that ends a line inside a number,
which pdfium writes as U+FFFE without the line break (invented documents)."""

from __future__ import annotations

import pikepdf
import pypdfium2 as pdfium

from tests import render
from vanban import process
from vanban.ingest import IngestOptions, load, tounicode

_LOST = set("NHDTUB")  # the capitals the real file's map gave a space


def _break_maps(path, letters=_LOST) -> None:
    """Rewrite every Type0 font's ToUnicode so that `letters` map to U+0020."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                mapping = tounicode.parse_cmap(font.ToUnicode.read_bytes())
                broken = {code: (" " if text in letters else text) for code, text in mapping.items()}
                font.ToUnicode = pdf.make_stream(tounicode.write_cmap(broken))
        pdf.save(path)


def test_capitals_a_fonts_map_gives_a_space_are_read_from_the_embedded_font(tmp_path):
    path = render.render_pdf(render.SAMPLE, tmp_path / "word.pdf")
    _break_maps(path)
    text = pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range()
    assert "Sở ông nghiệp" in text  # the fixture reads as the real file did
    record = process(path)
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert record.number == "1288/UBND-KTTH"
    assert record.addressees[0].name == "Sở Nông nghiệp và Phát triển nông thôn"
    assert (record.signer.name, record.signer.position) == ("Trần Phước Hiền", "Phó Chủ tịch")
    assert any("font map mended" in w for w in record.quality.warnings)


def test_a_map_that_gives_only_the_space_a_space_is_left_alone(tmp_path):
    path = render.render_pdf(render.SAMPLE, tmp_path / "word.pdf")
    assert tounicode.mend(path.read_bytes()) is None
    record = process(path)
    assert not any("font map" in w for w in record.quality.warnings)


def test_a_cmaps_ranges_and_arrays_are_read():
    cmap = (b"2 beginbfrange\n<0011> <0013> <002E>\n<0025> <0027> [<0020> <0043> <1EA1>]\n"
            b"endbfrange\n1 beginbfchar\n<0003> <0020>\nendbfchar\n")
    assert tounicode.parse_cmap(cmap) == {0x11: ".", 0x12: "/", 0x13: "0", 0x25: " ",
                                          0x26: "C", 0x27: "ạ", 0x03: " "}


def test_a_hyphen_that_ends_a_line_inside_a_number_ends_the_line(tmp_path):
    text = render.SAMPLE.replace(
        "Để chủ động phòng, chống dịch bệnh trên đàn gia súc,",
        "Thực hiện Công văn số 574/UBND-\nNCKSTTHC ngày 18/02/2024 của Ủy ban nhân dân "
        "tỉnh, để chủ động phòng, chống dịch bệnh trên đàn gia súc,")
    path = render.render_pdf(text, tmp_path / "hyphen.pdf")
    assert "574/UBND\ufffeNCKSTTHC" in pdfium.PdfDocument(str(path))[0].get_textpage(
    ).get_text_range()  # pdfium's own way with it
    record = process(path)
    assert "574/UBND-NCKSTTHC" in [r.number for r in record.references]
    assert "\ufffe" not in record.text
    # the lines stay apart: the next line's words are not set among the first's
    assert "574/UBND-\nNCKSTTHC ngày 18/02/2024" in record.text.replace("- \n", "-\n")


def test_a_pages_own_number_at_its_top_is_blanked_in_place(tmp_path):
    first = render.SAMPLE.split("Nơi nhận:")[0].replace(
        "báo cáo kết quả về UBND tỉnh trước ngày 30/4/2024.",
        "báo cáo kết quả về UBND tỉnh trước ngày 30/4/2024.\n\n1. Về hồ sơ tiêm phòng\n\n"
        "a) Sở Nông nghiệp và Phát triển nông thôn rà soát danh sách.")
    second = ("2\n\nb) Ủy ban nhân dân các huyện báo cáo số liệu trước ngày 15/4/2024.\n\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Phước Hiền")
    path = render.paged_pdf([first, second], tmp_path / "two.pdf")
    document = load(path, IngestOptions())
    page = document.pages[1]
    assert page.text.lstrip().startswith("b) Ủy ban")  # the "2" is spaces now
    # every word still points at its own letters: the number was blanked, not cut out
    assert all(page.text[w.start:w.end] == w.text for w in page.words if w.text != "2")
    record = process(path)
    assert not [t for t in record.tasks if t.text.strip() in {"2", ""}]
    assert "2024-04-15" in [t.deadline.date.isoformat() for t in record.tasks if t.deadline]
