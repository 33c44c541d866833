"""The signer of a scanned directive, read through the seal pressed over the block."""

from dataclasses import replace

import pytest

from tests import render
from vanban import process
from vanban.ingest import ocr, signature_block
from vanban.ingest.ocr import TsvWord


def _scan(tmp_path, *, sealed: bool):
    pdf = render.render_pdf(render.SAMPLE, tmp_path / "signed.pdf")
    page = render.rasterise(pdf)[0]
    if sealed:
        page = render.press_seal(page, render.text_box(pdf, "Trần Phước Hiền"))
    return render.images_to_pdf([render.degrade(page, **render.SCAN)], tmp_path / "scan.pdf")


def test_the_signer_under_a_seal_is_read(tmp_path):
    # read as a whole page, the seal makes the block a picture: no signer at all
    record = process(_scan(tmp_path, sealed=True))
    assert record.signer is not None
    assert (record.signer.name, record.signer.position) == ("Trần Phước Hiền", "Phó Chủ tịch")
    assert record.recipients[0] == "Như trên"


def test_a_block_without_a_seal_reads_as_before(tmp_path):
    record = process(_scan(tmp_path, sealed=False))
    assert (record.signer.name, record.signer.position) == ("Trần Phước Hiền", "Phó Chủ tịch")
    assert record.tasks[0].owners[0].name == "Sở Nông nghiệp và Phát triển nông thôn"


def _word(text: str, left: int, top: int, confidence: float = 95.0, line: int = 1) -> TsvWord:
    return TsvWord(text, left, top, 40 * len(text), 50, confidence, 1, 1, line)


def test_a_block_whose_label_was_lost_is_found_by_its_authority_mark():
    # a poor scan read "Nơi nhận:" as debris; "KT." still opens the title's line
    words = [_word("Mac", 300, 2400), _word("ng”", 460, 2400),
             _word("KT.", 1500, 2420), _word("CHỦ", 1640, 2420), _word("TỊCH", 1800, 2420)]
    assert signature_block._recipients_label(words, (2480, 3508)) is None
    assert signature_block._authority_mark(words, (2480, 3508)) is words[2]
    # not a "Q." of the body's left half, nor a district's in the body's right half
    for q in (_word("Q.", 300, 2500), _word("Q.", 1500, 2500)):
        assert signature_block._authority_mark([*words[:2], q, _word("1,", 1580, 2500)],
                                               (2480, 3508)) is None


def test_a_last_pages_label_in_its_top_third_opens_the_block():
    # a last page holding one article and the foot: "Nơi nhận:" stands high on it
    high = [_word("Nơi", 460, 530), _word("nhận:", 560, 530)]
    assert signature_block._recipients_label(high, (2516, 3550)) is high[0]
    # in the top margin it is no foot's; nor there a sentence's "nơi nhận hồ sơ"
    assert signature_block._recipients_label([_word("Nơi", 460, 200), _word("nhận:", 560, 200)],
                                             (2516, 3550)) is None
    sentence = [_word("gửi", 300, 530), _word("về", 380, 530), _word("nơi", 460, 530),
                _word("nhận:", 560, 530)]
    assert signature_block._recipients_label(sentence, (2516, 3550)) is None


def test_a_line_read_again_keeps_the_words_it_left_out_and_adds_a_lost_name():
    first = [[_word("KT.", 1500, 1630, 63), _word("VĂN", 1700, 1630, 96)]]
    second = [[_word("CHÁNH", 1640, 1632, 60, 1), _word("VĂN", 1900, 1632, 90, 1),
               _word("PHÒNG", 2040, 1632, 96, 1)],
              [_word("Trần", 1600, 2140, 96, 2), _word("Văn", 1780, 2140, 90, 2),
               _word("Lâm", 1920, 2140, 97, 2)]]
    lines = signature_block._better(first, second)
    assert [" ".join(w.text for w in sorted(line, key=lambda w: w.left)) for line in lines] \
        == ["KT. CHÁNH VĂN PHÒNG", "Trần Văn Lâm"]


def test_a_block_whose_label_was_lost_is_found_by_a_mark_typed_against_its_title(tmp_path):
    # "KT.CHỦ TỊCH" typed without a space; the first reading lost "Nơi nhận:" (a streak, a
    # stamp) and the name (under a seal): the block is found by the mark all the same and
    # the name read again
    pdf = render.render_pdf(render.SAMPLE.replace("KT. CHỦ TỊCH", "KT.CHỦ TỊCH"),
                            tmp_path / "signed.pdf")
    page = render.degrade(render.rasterise(pdf)[0], **render.SCAN).convert("L")
    words = ocr.recognise(page, lang="vie", dpi=300, timeout=60).words
    lost = {"Nơi", "nhận:", "Trần", "Phước", "Hiền"}
    first = [w for w in words if w.text not in lost]
    assert any(w.text == "KT.CHỦ" for w in first)
    again = signature_block.reread(page, first, lang="vie", dpi=300, timeout=60)
    assert [w.text for w in again if w.text in lost] == ["Trần", "Phước", "Hiền"]
    words = [_word("KT.CHỦ", 1500, 2420), _word("TỊCH", 1800, 2420)]
    assert signature_block._authority_mark(words, (2480, 3508)) is words[0]
    # a mark glued to lower case is no title's ("Kt.quả" in the body)
    assert signature_block._authority_mark([_word("KT.quả", 1500, 2420), words[1]],
                                           (2480, 3508)) is None


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    """The sample directive's page drawn at 300 dpi, and its PDF (for where text stands)."""
    pdf = render.render_pdf(render.SAMPLE, tmp_path_factory.mktemp("page") / "signed.pdf")
    return pdf, render.rasterise(pdf)[0].convert("L")


def test_a_family_name_the_seal_ran_into_is_read_with_the_name_line_alone(sample_page):
    # the block's reading kept "Phước Hiền" and dropped "Trần", run into by the seal's star
    pdf, page = sample_page
    x0, y0, x1, y1 = (round(v) for v in render.text_box(pdf, "Phước Hiền"))
    height = y1 - y0
    given = [TsvWord("Phước", x0, y0, (x1 - x0) // 2, height, 95.0, 1, 1, 2),
             TsvWord("Hiền", (x0 + x1) // 2, y0, (x1 - x0) // 2, height, 95.0, 1, 1, 2)]
    title = [TsvWord("CHỦ", x0, y0 - 4 * height, 100, height, 95.0, 1, 1, 1)]
    lines = signature_block._name_alone(page, [title, given], 0, 0, lang="vie", dpi=300,
                                        timeout=60)
    assert [w.text for w in lines[-1]][:3] == ["Trần", "Phước", "Hiền"]
    # a name read whole, paper left of it: not read again
    blank = page.copy()
    blank.paste(255, (0, y0 - height, x0 - 2, y1 + height))
    assert signature_block._name_alone(blank, [title, given], 0, 0, lang="vie", dpi=300,
                                       timeout=60) == [title, given]
    assert not signature_block._is_name_line(title + title)  # a title in capitals


def test_a_sentence_opening_with_where_to_hand_in_is_no_recipients_label():
    # a notice's "Nơi nhận hồ sơ: 126 phố Xốm, ..." in the body, above the real label
    body = [_word("Nơi", 300, 1900), _word("nhận", 430, 1900), _word("hồ", 600, 1900),
            _word("sơ:", 700, 1900)]
    foot = [_word("Nơi", 300, 2600, line=2), _word("nhận:", 430, 2600, line=2),
            _word("TL.", 1500, 2600, line=2)]
    assert signature_block._recipients_label(body + foot, (2480, 3508)) is foot[0]
    assert signature_block._recipients_label(foot[:1], (2480, 3508)) is None  # a blank page's


def test_a_title_line_read_as_debris_is_read_again_alone(sample_page):
    pdf, page = sample_page
    x0, y0, x1, y1 = (round(v) for v in render.text_box(pdf, "PHÓ CHỦ TỊCH"))
    height = y1 - y0
    debris = [TsvWord("PHÓ", x0, y0, 90, height, 95.0, 1, 1, 1),
              TsvWord("CHỦ", x0 + 100, y0, x1 - x0 - 100, height, 35.0, 1, 1, 1)]
    n0, m0, _, m1 = (round(v) for v in render.text_box(pdf, "Trần Phước Hiền"))
    name = [TsvWord(t, n0 + 150 * k, m0, 140, m1 - m0, 95.0, 1, 1, 2)
            for k, t in enumerate(("Trần", "Phước", "Hiền"))]
    lines = signature_block._debris_alone(page, [debris, name], lang="vie", dpi=300, timeout=60)
    assert "TỊCH" in [w.text for w in lines[0]]
    # a line read surely is left as read: no second look
    sure = [replace(w, confidence=95.0) for w in debris]
    assert signature_block._debris_alone(page, [sure, name], lang="vie", dpi=300,
                                         timeout=60) == [sure, name]
