"""Header fields of real files as offices send them, on fixtures made here: a portal's
signing box stamped over a scanned header, and what an OCR makes of a header's number, a
signer's title and name, a subject's "V/v" (invented documents; the misreadings are the
kinds the fifteenth round's real scans showed)."""

from PIL import ImageDraw, ImageFont

from tests import render
from vanban import process, process_text

# a portal that republishes a signed copy stamps its own box over the page's top
_BOX = ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "Email: thongtin@example.vn",
        "Cơ quan: VĂN PHÒNG CHÍNH PHỦ", "Thời gian ký: 08.07.2027 10:04:00 +07:00")


def test_a_signing_box_over_a_scanned_header_is_not_its_issuer(tmp_path):
    pdf = render.render_pdf(render.SAMPLE, tmp_path / "signed.pdf")
    page = render.rasterise(pdf)[0].convert("RGB")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(render.FONT_DIR / "LiberationSerif-Regular.ttf"), 26)
    for k, line in enumerate(_BOX):  # in the top margin, over the two header columns
        draw.text((700, 40 + 32 * k), line, font=font, fill=(0, 0, 0))
    scan = render.images_to_pdf([render.degrade(page, **render.SCAN)], tmp_path / "scan.pdf")
    record = process(scan)
    # (the box's last field was taken for the parent body: "Thời gian ký: 08.07.2027 ...")
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert record.parent_issuer is None
    assert (record.number, record.place) == ("1288/UBND-KTTH", "Quảng Ngãi")


def _scanned(header: str, foot: str) -> str:
    return (header + "\n\nQUYẾT ĐỊNH\nQuy định chức năng, nhiệm vụ của Sở Tư pháp\n\n"
            "Điều 1. Sở Tư pháp thực hiện nhiệm vụ được giao.\n\nNơi nhận:\n- Như Điều 1;\n"
            "- Lưu: VT.\n\n" + foot + "\n")


def test_an_ocrs_header_and_foot_misreadings():
    text = _scanned(
        "\n".join(_BOX) + "\n\nỦY BANNHÂN DÂN\nTỈNH LÂM ĐỒNG\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 712027 /QĐ-UBND\n\nLâm Đồng, ngày 05 tháng 3 năm 2027",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCHZZ”\n\n„ê Văn Bình")
    record = process_text(text)
    # the box's "Cơ quan:" names the portal; the committee's words ran together
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Lâm Đồng"
    # the slash before a legal document's year read as a "1"
    assert record.number == "7/2027/QĐ-UBND"
    # a signature's stroke glued to the title; a speck where the name's capital was
    assert (record.signer.position, record.signer.name) == ("Chủ tịch", "Lê Văn Bình")


def test_a_number_of_as_many_digits_as_a_body_reaches_keeps_them():
    text = _scanned("BỘ TÀI CHÍNH\n\nSố: 12027/BTC-NSNN\n\nHà Nội, ngày 05 tháng 3 năm 2027",
                    "BỘ TRƯỞNG\n\nLê Văn An")
    assert process_text(text).number == "12027/BTC-NSNN"


def test_a_v_v_whose_italic_v_was_read_as_a_percent_sign():
    text = ("TRƯỜNG ĐẠI HỌC AN PHÚ\n\nSố: 45/ĐHAP\nV/% Góp ý dự thảo quy chế đào tạo\n\n"
            "An Giang, ngày 05 tháng 3 năm 2027\n\nKính gửi: Sở Giáo dục và Đào tạo.\n\n"
            "Trường thống nhất với dự thảo.\n")
    record = process_text(text)
    assert (record.doc_type, record.subject) == ("Công văn", "Góp ý dự thảo quy chế đào tạo")


def _dated(line: str):
    return process_text(f"TRƯỜNG ĐẠI HỌC AN PHÚ\nSố: 45/TB-ĐHAP\n{line}\n\nTHÔNG BÁO\n"
                        "Về việc họp giao ban\n\nCác đơn vị cử người dự họp.\n")


def test_a_handwritten_day_against_its_y_and_an_8_read_as_a_letter():
    # the day's "28" written into "ngày": its "y" read "u", the "8" read "Š"; the place
    # stands, the day is not the 2nd
    record = _dated("Cân Thơ, ngàu2Štháng 10 năm 2027")
    assert (record.place, record.date) == ("Cần Thơ", None)
    assert _dated("Cần Thơ, ngày 2Š tháng 10 năm 2027").date is None
    assert _dated("Cần Thơ, ngày 28 tháng 10 năm 2027").date.isoformat() == "2027-10-28"


def test_a_number_line_whose_number_and_colon_were_lost_is_no_part_of_the_issuer():
    # the handwritten number lost with the colon: the line is still the number's, not a
    # line of the body above it (which then read as debris and gave way to its parent)
    text = ("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\nSố /TTr-CAT-PC04\n\n"
            "Lâm Đồng, ngày 24 tháng 10 năm 2027\n\nTỜ TRÌNH\nVề việc cấp kinh phí\n\n"
            "Công an tỉnh đề nghị Sở Tài chính thẩm định.\n")
    record = process_text(text)
    assert (record.issuer.name, record.number) == ("Công an tỉnh Lâm Đồng", None)
    assert record.parent_issuer.name == "Bộ Công an"


_LETTER = ("BỘ CÔNG AN\nSố: 45/BCA-C04\nV/v rà soát cơ sở cai nghiện\n"
           "Hà Nội, ngày Ÿ tháng/2năm 2027\n\nKính gửi: Sở Y tế.\n\nĐề nghị Sở Y tế báo cáo.\n")


def test_a_date_line_whose_month_the_pen_wrote_over_a_stroke_and_an_iso_signing_time():
    # the line is still the place and date line (not the subject's last line); its day and
    # month past reading, the date is the signing time's, written as ISO 8601
    signed = process_text("Ký bởi: Bộ Công an\nThời gian ký: 2027-10-09T16:52:54+07:00\n\n"
                          + _LETTER)
    assert (signed.place, signed.subject) == ("Hà Nội", "Rà soát cơ sở cai nghiện")
    assert signed.date.isoformat() == "2027-10-09"
    # a certified copy's box says when it was copied, not when the letter was signed
    copied = process_text("SAO Y\nBộ Công an\nThời gian ký: 2027-10-21T08:00:00+07:00\n\n"
                          + _LETTER)
    assert (copied.place, copied.date) == ("Hà Nội", None)


def test_a_handwritten_day_past_reading_takes_the_signing_boxs_ngay_ky():
    # another signing software's box: "Ký bởi: ... / Ngày ký: DD-MM-YYYY hh:mm:ss"
    letter = _LETTER.replace("ngày Ÿ tháng/2năm 2027", "ngày @€tháng 10 năm 2027")
    signed = process_text("Ký bởi: BỘ CÔNG AN\nNgày ký: 09-10-2027 16:52:54 +07:00\n\n" + letter)
    assert (signed.place, signed.date.isoformat()) == ("Hà Nội", "2027-10-09")
    # a month the header shows that is not the box's: the box dates something else
    other = process_text("Ký bởi: BỘ CÔNG AN\nNgày ký: 09-11-2027 16:52:54 +07:00\n\n" + letter)
    assert other.date is None


def test_a_slash_read_as_1_where_the_number_runs_into_its_year():
    text = _scanned("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 0112027 /QĐ-TTg\n\nHà Nội, ngày 03 tháng 01 năm 2027",
                    "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nLê Văn An")
    assert process_text(text).number == "01/2027/QĐ-TTg"


def test_a_signers_name_after_a_degree_where_a_seal_took_the_title():
    # "CHỦ TỊCH" under the seal: only "HỘI ĐỒNG TRƯỜNG" and debris are left over the name
    text = ("TRƯỜNG ĐẠI HỌC AN PHÚ\nSố: 62/QĐ-ĐHAP\nAn Giang, ngày 23 tháng 7 năm 2027\n\n"
            "QUYẾT ĐỊNH\nVề việc bổ nhiệm Phó Trưởng phòng Đào tạo\n\nĐiều 1. Bổ nhiệm ông Lê "
            "Văn B.\n\nNơi nhận:\n- Như Điều 1;\n- Lưu VT.\n\nÏ HỘI ĐỒNG TRƯỜNG J\nKi\n"
            "TS-LS. Nguyễn Tiến Dũng\n")
    assert process_text(text).signer.name == "Nguyễn Tiến Dũng"


def test_a_handwritten_number_read_in_pieces_before_a_symbol_whose_slash_was_lost():
    for written, number in (("Số:l1 45TB-ĐHAP", "1145/TB-ĐHAP"), ("Số: 141) /TB-ĐHAP", None)):
        record = process_text(f"TRƯỜNG ĐẠI HỌC AN PHÚ\n{written}\nCần Thơ, ngày 28 tháng 10 "
                              "năm 2027\n\nTHÔNG BÁO\nVề việc họp giao ban\n\nCác đơn vị dự họp.\n")
        assert record.number == number, written


def test_an_authority_mark_read_as_an_items_number_starts_the_signature():
    # "KT. GIÁM ĐỐC" read "1. GIAM ĐỌC" (and the column's title run in): no item "1." whose
    # owner is the request's, which keeps its deadline
    text = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 27/STTTT-CNTT\nPhú Thọ, ngày 16 tháng 12 năm 2027\n"
            "V/v đăng ký tham gia hội thi\n\nKính gửi: Các đơn vị trực thuộc sở.\n\n"
            "Sở Thông tin và Truyền thông đề nghị các đơn vị đăng ký danh sách tham gia hội thi "
            "trước ngày 22/12/2027.\n\nVậy Sở gửi các đơn vị biết và tham gia.\n\n"
            "1. GIAM ĐỌC GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
            "Nguyễn Hữu Việt\n")
    record = process_text(text)
    assert [t.deadline.date.isoformat() for t in record.tasks if t.deadline] == ["2027-12-22"]
    assert not any("GIAM" in t.text for t in record.tasks)
    assert (record.signer.position, record.signer.name) == ("Phó Giám đốc", "Nguyễn Hữu Việt")


def test_a_number_line_read_as_one_run_of_marks_is_no_part_of_the_issuer():
    # "Số:" and a handwritten number read together as marks, before the symbol: the line is
    # the number's (unread), not the committee's next line
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nsó#3đj# /UBND-NC\nV/v xem xét đề nghị của Sở Y tế\n\n"
            "Lâm Đồng, ngày 30 tháng 9 năm 2027\n\nKính gửi: Sở Nội vụ\n\n"
            "Chủ tịch Ủy ban nhân dân tỉnh giao Sở Nội vụ nghiên cứu.\n")
    record = process_text(text)
    assert (record.issuer.name, record.number) == ("Ủy ban nhân dân tỉnh Lâm Đồng", None)
    assert record.subject == "Xem xét đề nghị của Sở Y tế"


def test_a_departments_name_wrapped_over_two_lines_under_its_ministry():
    # neither "CỤC CẢNH SÁT ĐIỀU TRA" nor "TỘI PHẠM VỀ MA TÚY" is a body the tables know;
    # the two lines together are, under their ministry
    text = _scanned("BỘ CÔNG AN\nCỤC CẢNH SÁT ĐIỀU TRA\nTỘI PHẠM VỀ MA TÚY\n\nSố: 25/C04-P6\n\n"
                    "Hà Nội, ngày 20 tháng 4 năm 2027", "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n\nLê Văn An")
    record = process_text(text)
    assert record.issuer.name == "Cục Cảnh sát điều tra tội phạm về ma túy"
    assert record.parent_issuer.name == "Bộ Công an"
    # a line that names a body of its own stays the body under its parent
    text = _scanned("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n\nSố: 25/SCT-CN\n\n"
                    "Lào Cai, ngày 20 tháng 4 năm 2027", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Văn An")
    record = process_text(text)
    assert (record.issuer.name, record.parent_issuer.name) == (
        "Sở Công Thương tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai")


def test_a_boards_name_wrapped_over_three_lines_under_its_committee():
    # a line that opens no body of its own goes on with the name above; so does a line
    # after a word no name ends with ("CHO"), though it opens with a head ("DOANH NGHIỆP")
    text = _scanned("UBND TỈNH LÀO CAI\nBAN ĐIỀU PHỐI CHƯƠNG\nTRÌNH HỖ TRỢ VỐN CHO\n"
                    "DOANH NGHIỆP NHỎ\n\nSố: 25/BĐP\n\nLào Cai, ngày 20 tháng 4 năm 2027",
                    "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nLê Văn An")
    record = process_text(text)
    assert record.issuer.name.casefold() == (
        "Ban điều phối chương trình hỗ trợ vốn cho doanh nghiệp nhỏ tỉnh Lào Cai").casefold()
    assert record.parent_issuer.name == "Ủy ban nhân dân tỉnh Lào Cai"


def test_a_certified_copys_box_and_a_signing_hour_are_no_parent_body():
    # "SAO Y / Bộ Công an / Thời gian ký: ..." over a ministry's letter, "Ký bởi: ... / Giờ
    # ký: ..." over a committee's: who copied or signed, not the body over the issuer
    copied = process_text("SAO Y\nBộ Công an\nThời gian ký: 2027-09-16T14:37:50+07:00\n\n"
                          "BỘ CÔNG AN\n\n" + _LETTER.split("\n", 1)[1])
    assert (copied.issuer.name, copied.parent_issuer) == ("Bộ Công an", None)
    signed = process_text("Ký bởi: UBND tỉnh Lâm Đồng\nGiờ ký: 30/09/2027 17:58:22\n\n"
                          "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 12/UBND-NC\nV/v xem xét đề nghị\n\n"
                          "Lâm Đồng, ngày 30 tháng 9 năm 2027\n\nKính gửi: Sở Nội vụ\n\n"
                          "Giao Sở Nội vụ nghiên cứu.\n")
    assert (signed.issuer.name, signed.parent_issuer) == ("Ủy ban nhân dân tỉnh Lâm Đồng", None)


def test_a_title_line_that_names_the_type_and_goes_on_with_the_subject():
    # the investment decisions' form: the type and the subject on one title line in capitals,
    # a "(cấp lần đầu: ...)" under it, and "QUYẾT ĐỊNH:" over the articles further down
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
            "Hạnh phúc\n\nSố: 246/QĐ-UBND\n\nLào Cai, ngày 16 tháng 7 năm 2027\n\n"
            "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\nĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ\n\n"
            "(cấp lần đầu: ngày 16 tháng 7 năm 2027)\n\nỦY BAN NHÂN DÂN TỈNH LÀO CAI\n\n"
            "Căn cứ Luật Đầu tư;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Chấp thuận chủ trương đầu tư dự án.\n\n"
            "Điều 2. Giao Sở Tài chính theo dõi việc thực hiện dự án.\n\nNơi nhận:\n- Như Điều 2;\n"
            "- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n")
    record = process_text(text)
    assert record.doc_type == "Quyết định"
    assert record.subject.lower() == ("chấp thuận chủ trương đầu tư đồng thời chấp thuận "
                                      "nhà đầu tư")
    # a type with its issuer or its number after it on the line is no such title
    gazette = text.replace("QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\nĐỒNG THỜI CHẤP THUẬN NHÀ "
                           "ĐẦU TƯ", "QUYẾT ĐỊNH SỐ 246 CỦA ỦY BAN NHÂN DÂN TỈNH")
    assert process_text(gazette).subject is None


def test_a_pens_4_read_as_a_stroke_under_a_cross_is_no_month_1():
    # "tháng l†": the "4" written by hand read as two marks; a lone stroke is a "1" only
    # where no cross follows it ("tháng ll" is November, "ngày 3|" the 31st)
    header = ("UBND TỈNH LÀO CAI\nSỞ TÀI CHÍNH\n\nSố: 12/STC-TH\nV/v báo cáo\n\n"
              "Lào Cai, {}\n\nKính gửi: Sở Nội vụ\n\nĐề nghị Sở Nội vụ báo cáo.\n\n"
              "GIÁM ĐỐC\n\nLê Văn An\n")
    for line, date in (("ngày 29 tháng l† năm 2027", None), ("ngày 29 tháng ll năm 2027",
                       "2027-11-29"), ("ngày 3| tháng 12 năm 2027", "2027-12-31")):
        record = process_text(header.format(line))
        assert (record.date and record.date.isoformat(), record.place) == (date, "Lào Cai")


def test_a_notices_legal_bases_after_its_one_addressee_are_no_addressees():
    # "Kính gửi: Công ty ..." then the bases as a dashed list: the letter has begun
    text = ("UBND TỈNH LÀO CAI\nBAN QUẢN LÝ KHU KINH TẾ\n\nSố: 12/TB-BQL\n\n"
            "Lào Cai, ngày 03 tháng 02 năm 2027\n\nTHÔNG BÁO\nVề việc đăng ký nội quy lao động\n\n"
            "Kính gửi: Công ty TNHH Minh An\n\n"
            "- Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019;\n"
            "- Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ;\n"
            "Sau khi xem xét hồ sơ, Ban Quản lý thông báo như sau:\n"
            "1. Đề nghị Công ty TNHH Minh An thông báo nội quy đến người lao động.\n\n"
            "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nLê Văn An\n")
    assert [a.name for a in process_text(text).addressees] == ["Công ty TNHH Minh An"]


def test_a_place_line_whose_comma_was_lost_and_a_motto_with_em_dashes():
    # the eighteenth round's kinds: an OCR ran "Hà Nội, ngày" together and read the motto's
    # dashes as em dashes ("Tự do" was taken for the issuer, the place line for the
    # subject's last)
    text = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập — Tự do -Hạnh phúc\n\nSố: 45/CT-CS\nV/v chính sách thuế\n\n"
            "Hà Nội ngày 08 tháng 4 năm 2027\n\nKính gửi: Thuế tỉnh An Phú.\n\n"
            "Cục Thuế có ý kiến như sau.\n")
    record = process_text(text)
    assert (record.issuer.name, record.parent_issuer.name) == ("Cục Thuế", "Bộ Tài chính")
    assert (record.place, record.date.isoformat()) == ("Hà Nội", "2027-04-08")
    assert record.subject == "Chính sách thuế"
    # a body's sentence that opens with no known place is no place line
    body = process_text("SỞ TƯ PHÁP\nSố: 12/STP\n\nKính gửi: Sở Y tế.\n\n"
                        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 quy định.\n")
    assert (body.place, body.date) == (None, None)


def test_a_school_under_its_department_and_its_deputy_head():
    # a numeral and an abbreviation the tables spell out are words of a name, not debris
    text = _scanned("SỞ GDĐT TỈNH AN GIANG\nTRƯỜNG THPT LONG XUYÊN 2\n\nSố: 58/KH-THPTLX2\n\n"
                    "An Giang, ngày 15 tháng 4 năm 2027",
                    "KT.HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\nLê Văn An")
    record = process_text(text)
    assert record.issuer.name.casefold() == "trường trung học phổ thông long xuyên 2"
    assert record.parent_issuer.name == "Sở Giáo dục và Đào tạo tỉnh An Giang"
    assert (record.signer.position, record.signer.name) == ("Phó Hiệu trưởng", "Lê Văn An")


def test_a_party_bodys_number_motto_and_central_body():
    # Quy định 66-QĐ/TW: the type's code after a dash, the body's after the slash; the
    # Party's name where the state's motto stands
    text = ("TỈNH ỦY AN PHÚ\nBAN TUYÊN GIÁO\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố: 36-HD/BTGTU\n\n"
            "An Phú, ngày 03 tháng 4 năm 2027\n\nHƯỚNG DẪN\nTuyên truyền kỷ niệm ngày thành lập\n\n"
            "Các huyện ủy tổ chức tuyên truyền.\n")
    assert process_text(text).number == "36-HD/BTGTU"
    # the Central Committee's bodies are named "... Trung ương" ("Văn phòng Trung ương Đảng")
    for body, name in (("BAN TỔ CHỨC", "Ban tổ chức Trung ương"),
                       ("VĂN PHÒNG", "Văn phòng Trung ương Đảng")):
        central = process_text(f"BAN CHẤP HÀNH TRUNG ƯƠNG\n{body}\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
                               "Số: 12-HD/TW\n\nHà Nội, ngày 03 tháng 4 năm 2027\n\nHƯỚNG DẪN\n"
                               "Công tác cán bộ\n\nCác tỉnh ủy thực hiện.\n")
        assert central.issuer.name.casefold() == name.casefold()


def test_kinh_gui_after_what_a_received_stamp_left_on_its_line():
    text = ("BỘ CÔNG AN\nSố: 45/BCA-C04\nV/v rà soát cơ sở cai nghiện\n"
            "Hà Nội, ngày 18 tháng 8 năm 2027\n\n"
            "\"¬-...n\" Kính gửi: Đồng chí Chủ tịch UBND tỉnh Lâm Đồng\n\n"
            "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo thực hiện.\n")
    record = process_text(text)
    assert [a.name for a in record.addressees] == ["Ủy ban nhân dân tỉnh Lâm Đồng"]


def test_a_department_heads_title_keeps_the_department_its_line_names():
    # "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ ...": the last title line whole (a "CỤC TRƯỞNG" alone
    # stays as it is)
    text = _scanned("BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 45/BGDĐT-GDPT\n\nHà Nội, ngày 10 tháng 4 năm 2027",
                    "TL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ GIÁO DỤC PHỔ THÔNG\n\nLê Văn An")
    signer = process_text(text).signer
    assert (signer.position.casefold(), signer.name) == (
        "vụ trưởng vụ giáo dục phổ thông", "Lê Văn An")
    alone = _scanned("BỘ CÔNG AN\nCỤC CẢNH SÁT GIAO THÔNG\n\nSố: 45/C08\n\n"
                     "Hà Nội, ngày 10 tháng 4 năm 2027", "CỤC TRƯỞNG\n\nLê Văn An")
    assert process_text(alone).signer.position == "Cục trưởng"


def test_kinh_gui_lost_under_a_received_stamp_its_entries_still_stand():
    # the stamp's box pressed over "Kính gửi:" ran the two into debris; the dashed
    # entries under the header are still the addressees
    header = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 45/TTg-CĐS\nV/v triển khai các Nghị quyết\n\n"
              "Hà Nội, ngày 30 tháng 4 năm 2027\n\n")
    body = ("\n\nTriển khai Kết luận của Bộ Chính trị, yêu cầu các Bộ khẩn trương triển khai.\n")
    entries = ("- Bộ trưởng, Thủ trưởng cơ quan ngang Bộ;\n"
               "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố.")
    record = process_text(header + "THÔNG TIN ĐIỆN TỬ Hiện BÚI:\nsố nóy ta =\n\n" + entries + body)
    assert [a.name for a in record.addressees] == [
        "Các Bộ, cơ quan ngang Bộ", "Ủy ban nhân dân các tỉnh, thành phố"]
    # a letter whose body opens with dashed points that are no titles or bodies has none
    points = ("- Rà soát các thủ tục hành chính;\n- Báo cáo kết quả.")
    assert process_text(header + points + body).addressees == []


def test_a_prime_ministers_header_with_margin_marks_and_a_number_glued_to_so():
    # an archivist's initials read "TP" and a pen's tick read "1i" under the issuer; "Số"
    # with the colon and the slash lost and "TTg" read "Tg"
    text = _scanned(
        "THỦ TƯỚNG CHÍNH PHỦ\n\nTP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\n1i\n\nSố812QĐ-Tg _\n\nHà Nội, ngày 05 tháng 3 năm 2027",
        "THỦ TƯỚNG\n\nLê Văn An")
    record = process_text(text)
    assert record.issuer.name.casefold() == "thủ tướng chính phủ"
    assert record.number == "812/QĐ-TTg"


def test_a_deputys_title_whose_marks_a_seal_covered_and_a_family_name_it_cut():
    # "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG" read "THỦ TƯỚNG / THỦ TƯỚNG"; the seal's edge over
    # the H of the family name; the recipients name the deputy whole
    text = _scanned("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 812/QĐ-TTg\n\nHà Nội, ngày 05 tháng 3 năm 2027",
                    "THỦ TƯỚNG\nTHỦ TƯỚNG\nSÀ\n“lồ Văn Thành").replace(
        "- Như Điều 1;", "- Như Điều 1;\n- Thủ tướng CP, PTTg Hồ Văn Thành;")
    signer = process_text(text).signer
    assert (signer.position, signer.name) == ("Phó Thủ tướng", "Hồ Văn Thành")


def test_a_name_alone_under_a_seal_whose_capital_the_seals_edge_took():
    # the title under the seal and the signature's stroke, lost; the family name's "T"
    # at the seal's edge, lost whole ("rần"): the one capital that makes a family name
    text = _scanned("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 08/QĐ-UBND\n\n"
                    "An Giang, ngày 05 tháng 3 năm 2027", "rần Văn Thành")
    assert process_text(text).signer.name == "Trần Văn Thành"


def test_a_pens_mark_under_the_subject_is_no_part_of_it():
    # a handwritten mark under a letter's subject, read "ca —" once the margin's run of
    # marks beside it was dropped
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 45/UBND-VX\nV/v tổ chức thực hiện xây dựng\n"
            "khu dân cư văn hóa\nca —\n\nKính gửi: Sở Văn hóa, Thể thao và Du lịch.\n\n"
            "An Giang, ngày 05 tháng 3 năm 2027\n\nĐề nghị Sở triển khai.\n")
    assert process_text(text).subject == "Tổ chức thực hiện xây dựng khu dân cư văn hóa"


def test_a_speck_between_a_titles_lines_does_not_cut_it():
    # a scan's speck read "-" between a tờ trình's two title lines, the second opening
    # with a body's name as the title goes on
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 31/TTr-UBND\n\n"
            "An Giang, ngày 05 tháng 3 năm 2027\n\nTỜ TRÌNH\nVề việc miễn nhiệm chức danh "
            "Ủy viên\n-\nỦy ban nhân dân tỉnh An Giang nhiệm kỳ 2026 - 2031\n\n"
            "Kính gửi: Hội đồng nhân dân tỉnh\n\nKính trình Hội đồng nhân dân tỉnh xem xét.\n")
    assert process_text(text).subject == ("Miễn nhiệm chức danh Ủy viên Ủy ban nhân dân tỉnh "
                                          "An Giang nhiệm kỳ 2026 - 2031")


def test_a_partys_number_wrapped_after_its_dash_and_a_five_read_as_a_dollar():
    text = _scanned(
        "THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 812/QĐ-TTg\n\nHà Nội, ngày 05 tháng 3 năm 2027", "THỦ TƯỚNG"
    ).replace("Điều 1.", "Căn cứ ý kiến tại văn bản số 4321-\nTB/BCSĐCP ngày 04 tháng 3 năm "
              "2027;\nXét đề nghị tại Tờ trình số $12/TTr-BNV ngày 02 tháng 3 năm 2027.\n\n"
              "Điều 1.")
    assert [r.number for r in process_text(text).references] == ["4321-TB/BCSĐCP", "512/TTr-BNV"]


def test_an_authority_mark_a_seals_edge_garbled_still_makes_the_deputy():
    # "KT. THỦ TƯỚNG" read "„5T, THỦ TƯỚNG", the "PHÓ THỦ TƯỚNG" line under it lost
    text = _scanned("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 812/QĐ-TTg\n\nHà Nội, ngày 05 tháng 3 năm 2027",
                    "„5T, THỦ TƯỚNG\n22\nZN\nLê Văn Bình")
    assert process_text(text).signer.position == "Phó Thủ tướng"


def test_a_handwritten_year_past_reading_takes_the_signing_year():
    # the Gazette's box ("Ngày ký: 2027-02-05 16:36:10") signs weeks after the text was;
    # the header's day and month stand, the pen's "2027" read "A0227" leaves the year
    letter = _LETTER.replace("ngày Ÿ tháng/2năm 2027", "ngày 21 tháng 01 năm A0227")
    signed = process_text("Ký bởi: CÔNG BÁO\nNgày ký: 2027-02-05 16:36:10 +07:00\n\n" + letter)
    assert (signed.place, signed.date.isoformat()) == ("Hà Nội", "2027-01-21")
    # a December text the Gazette signs in January is of the year before
    late = letter.replace("ngày 21 tháng 01", "ngày 29 tháng 12")
    signed = process_text("Ký bởi: CÔNG BÁO\nNgày ký: 2027-01-12 08:06:58 +07:00\n\n" + late)
    assert signed.date.isoformat() == "2026-12-29"


_DECISION = ("BỘ TÀI CHÍNH\nSố: 12/QĐ-BTC\nHà Nội, ngày 21 tháng 01 năm 2027\n\nQUYẾT ĐỊNH\n"
             "Về việc công bố danh mục văn bản\n\nĐiều 1. Công bố kèm theo Quyết định này Danh "
             "mục văn bản hướng dẫn Nghị định số 156/2020/NĐ-CP tiếp tục có hiệu lực.\nĐiều 2. Thủ trưởng các đơn vị thuộc Bộ chịu trách "
             "nhiệm thi hành Quyết định này./.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Văn An\n\n"
             "CÔNG BÁO/Số 88/Ngày 06-02-2027   102\n\nPhụ lục\nDANH MỤC VĂN BẢN TIẾP TỤC CÓ HIỆU LỰC\n"
             "(Kèm theo Quyết định số 12/QĐ-BTC ngày 21/01/2027 của Bộ Tài chính)\n\n"
             "TT | Văn bản | Kết quả\n1 | Thông tư số 17/2020/TT-BTC của Bộ trưởng Bộ Tài chính | "
             "Tiếp tục có hiệu lực\n")


def test_a_gazette_copys_signer_before_its_annex_and_its_running_head_cites_nothing():
    # the Gazette prints no "Nơi nhận": the signature is found before the annex after it
    record = process_text(_DECISION)
    assert (record.signer.name, record.signer.position) == ("Nguyễn Văn An", "Thứ trưởng")
    # "CÔNG BÁO/Số 88/Ngày ..." is the head, no document "88/Ng"
    assert [r.number for r in record.references] == ["156/2020/NĐ-CP"]


def test_a_scanned_page_the_gazette_framed_with_its_running_head_is_read_by_ocr(tmp_path):
    # a text layer of a few words (the head) over a page whose text is an image
    typed = render.paged_pdf([_DECISION.split("\n\nĐiều 1")[0]], tmp_path / "typed.pdf")
    scan = render.rasterise(typed, dpi=150)[0]
    scan = scan.crop((0, 0, scan.width, scan.height // 3))
    path = render.gazette_pdf(scan, "CÔNG BÁO/Số 88/Ngày 06-02-2027   100", tmp_path / "cb.pdf",
                              share=0.3)
    record = process(path)
    assert (record.issuer.name, record.number) == ("Bộ Tài chính", "12/QĐ-BTC")
    assert not any(r.number.startswith("88/") for r in record.references)


def test_a_legacy_headers_small_letter_type_slashed_symbol_and_gazette_title():
    # a .VnTimeH header typed in small letters for the font to draw as capitals, and a
    # symbol of before 2004 whose parts stand apart by slashes
    circular = process_text("Bộ tài chính\nSỐ:155/1998/TT/BTC\nHà nội, ngày 8 tháng 12 năm 1998\n\n"
                            "Thông tư\nhướng dẫn công tác kế toán đối với các doanh nghiệp\n\n"
                            "1- Các doanh nghiệp phải thực hiện công tác kế toán theo Thông "
                            "tư 60 TC/CĐKT ngày 01/09/1997 và Quyết định số 1141 TC/QĐ/CĐKT.\n")
    assert (circular.number, circular.doc_type) == ("155/1998/TT/BTC", "Thông tư")
    # its citations of the 1990s' numbers, a space before the symbol
    assert [r.number for r in circular.references] == ["60 TC/CĐKT", "1141 TC/QĐ/CĐKT"]
    # its signature typed in small letters for the capitals font too
    signed = process_text("Bộ tài chính\nSỐ:155/1998/TT/BTC\nHà nội, ngày 8 tháng 12 năm 1998\n\n"
                          "Thông tư\nhướng dẫn công tác kế toán\n\n1- Các doanh nghiệp phải thực "
                          "hiện công tác kế toán.\n\nNơi nhận:\n- Công báo;\n- Lưu Văn phòng.\n\n"
                          "kT/bộ trưởng bộ tài chính\nThứ trưởng\nTrần Văn Tá\n")
    assert (signed.signer.name, signed.signer.position) == ("Trần Văn Tá", "Thứ trưởng")
    assert circular.subject == "Hướng dẫn công tác kế toán đối với các doanh nghiệp"
    # a gazette's title names the type before "của" ("Quyết định / của Thủ tướng ...")
    gazette = process_text("Quyết định\n\ncủa Thủ tướng Chính phủ số 115/2004/QĐ-TTg\nngày 25 "
                           "tháng 6 năm 2004 về việc sửa đổi Quy chế hoạt động của Quỹ\n\n"
                           "Điều 1. Sửa đổi Quy chế hoạt động của Quỹ.\n")
    assert (gazette.doc_type, gazette.number) == ("Quyết định", "115/2004/QĐ-TTg")
    assert gazette.date.isoformat() == "2004-06-25"


def test_a_legacy_decisions_title_of_whose_type_and_its_authority_in_small_letters():
    # "quyết định của bộ trưởng bộ tài chính" (a capitals font's title typed small), and the
    # authority's line under the subject, after blank lines, no part of it
    decision = process_text(
        "bộ tài chính                        cộng hoà xã hội chủ nghĩa Việt nam\n\n"
        "Số:  144 /2002/QĐ/BTC\n\nHà nội, ngày 22 tháng 11 năm 2002\n\n\n"
        "quyết định của bộ trưởng bộ tài chính\nvề việc sửa đổi mức thuế suất của một số "
        "mặt hàng\n\n\nbộ trưởng bộ tài chính\n\n\nCăn cứ Nghị định số 86/2002/NĐ-CP;\n\n"
        "quyết định:\n\nĐiều 1: Sửa đổi mức thuế suất của mặt hàng phôi thép.\n")
    assert (decision.doc_type, decision.number) == ("Quyết định", "144/2002/QĐ/BTC")
    assert decision.subject == "Sửa đổi mức thuế suất của một số mặt hàng"
