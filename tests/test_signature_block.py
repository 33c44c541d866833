"""The signer of a scanned directive, read through the seal pressed over the block."""

from tests import render
from vanban import process


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
