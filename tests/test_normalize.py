"""Normalisation tables: agency names, places, person names, symbols, tone placement."""

import pytest

from vanban.normalize.agencies import canonical_agency, expand_abbreviations
from vanban.normalize.codes import canonical_number
from vanban.normalize.names import restore_person_name
from vanban.normalize.places import match_place
from vanban.normalize.text import canonical_spelling, sentence_case


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở Nội vụ", "Sở Nội vụ"),
        ("So Noi vu", "Sở Nội vụ"),
        ("S& Noi vu", "Sở Nội vụ"),
        ("Sd Noi vu • • r", "Sở Nội vụ"),
        ("So1 Tu phap", "Sở Tư pháp"),
        ("Giám đốc Sở Tài chính", "Sở Tài chính"),
        ("Chánh Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND huyện"),
        ("Céc s0, ban, nganh tinh", "Các sở, ban, ngành tỉnh"),
        ("UBND céc huyén, thi x3, thanh phé", "Ủy ban nhân dân các huyện, thị xã, thành phố"),
        ("Bao hiém x3 héi tinh", "Bảo hiểm xã hội tỉnh"),
        ("Phòng Nội vụ - Cơ quan Thường trực Ban Chỉ đạo", "Phòng Nội vụ"),
        ("Công an huyện", "Công an huyện"),
        # "Đại học" is a term of its own, not the tables' "Đài" (of "Đài Phát thanh")
        ("Đại học Hồng Lĩnh", "Đại học Hồng Lĩnh"),
        ("Dai hoc Hong Linh", "Đại học Hồng Lĩnh"),
        # a place the tables lack is not the level of a name they have
        ("Ban Quản lý Khu kinh tế Đông Hồi", "Ban Quản lý Khu kinh tế Đông Hồi"),
        ("Ban Quản lý Khu kinh tế Hòn La", "Ban Quản lý Khu kinh tế Hòn La"),
        ("Cong an Tjnh", "Công an tỉnh"),
        ("UBND thi xa", "Ủy ban nhân dân thị xã"),  # not its "Văn phòng"
        # a word run into the next is the whole name, not its tail
        ("Trung ương Đoàn Thanh niên Cộng sản HồChí Minh",
         "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        # "cơ quan" a phrase, not "các bộ cơ" of a longer name and a lone "quận"
        ("Cac Bo, co quan", "Các Bộ, cơ quan"),
    ],
)
def test_agency_names(written, canonical):
    assert canonical_agency(written)[0] == canonical


def test_a_name_no_table_knows_leaves_its_lone_words_to_the_model():
    # the tables spell "Quận", "Báo" alone and "văn hóa thể" across "Văn hóa, Thể thao":
    # in a name they do not know, those words are read in its context instead
    from vanban.api import process_text

    text = ("UBND TINH QUANG NAM\nSo: 12/KH-UBND\nQuang Nam, ngay 10 thang 4 nam 2026\n\n"
            "1. Giao Trung tam Bao ton Di san Van hoa the gioi Hoi An chu tri, bao cao truoc"
            " ngay 20/5/2026.\n2. Giao Tap doan Cong nghiep - Vien thong Quan doi trien khai"
            " truoc ngay 30/6/2026.\n")
    owners = {o.name for t in process_text(text).tasks for o in t.owners}
    assert "Trung tâm Bảo tồn Di sản Văn hóa thế giới Hội An" in owners
    assert "Tập đoàn Công nghiệp - Viễn thông Quân đội" in owners
    assert canonical_agency("Sở Văn hóa, Thể thao và Du lịch")[0] == (
        "Sở Văn hóa, Thể thao và Du lịch")


def test_a_misread_name_is_not_a_longer_name_it_ends():
    # the close "Văn phòng Ủy ban nhân dân tỉnh" ends in the words written: another body
    assert not canonical_agency("Uy ban nhan dèn tinh")[0].startswith("Văn phòng")


@pytest.mark.parametrize(
    ("written", "name", "kind"),
    [("Quadng Ngdi", "Quảng Ngãi", "tỉnh"), ("Hung Yên", "Hưng Yên", "tỉnh"),
     ("TINH LANG SON", "Lạng Sơn", "tỉnh"), ("Ha Noi", "Hà Nội", "thành phố")],
)
def test_places(written, name, kind):
    place = match_place(written)
    assert (place.name, place.kind) == (name, kind)


def test_unknown_place_is_none():
    assert match_place("Xyzzy") is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("273/QP-BNV", "273/QĐ-BNV"), ("273/Qb- BNV", "273/QĐ-BNV"), ("126 /KH-UBND", "126/KH-UBND"),
     ("19-NQ/TW", "19-NQ/TW"), ("12/2024/ND-CP", "12/2024/NĐ-CP"), ("5/HDND-VP", "5/HĐND-VP"),
     ("86/KH-BCD389", "86/KH-BCĐ389")],
)
def test_document_numbers(written, canonical):
    assert canonical_number(written) == canonical


@pytest.mark.parametrize(
    ("written", "spelled"),
    [("Ho Tien Thieu", "Hồ Tiến Thiệu"), ("NGUYEN VAN AN", "NGUYỄN VĂN AN"),
     ("Tran Thi Thu Ha", "Trần Thị Thu Hà"),
     # marks a person typed stay; an OCR's symbols and slips are read through
     ("Phạm Thị Thu Hường", "Phạm Thị Thu Hường"), ("Nguy¢n Vèn Binh", "Nguyễn Văn Bình"),
     # one letter and an OCR's symbol is a capitalised word, not one in capitals
     ("L¢ Van Hop", "Lê Văn Hợp"),
     # a name's first word is its family name, its last a given name, not a middle one
     ("Đình Công Sứ", "Đinh Công Sứ"), ("Phụng Thành Vinh", "Phùng Thành Vinh"),
     ("Cu Ngoc Trang", "Cù Ngọc Trang"), ("Mai Thi Thu Van", "Mai Thị Thu Vân"),
     ("Le Van Thi", "Lê Văn Thi")],
)
def test_person_names(written, spelled):
    assert restore_person_name(written)[0] == spelled


@pytest.mark.parametrize(
    ("written", "spelled"),
    [("Uỷ ban", "Ủy ban"), ("Văn hoá", "Văn hóa"), ("khoẻ", "khỏe"), ("quý", "quý"),
     ("hoàng", "hoàng"), ("THUỶ", "THỦY")],
)
def test_one_tone_placement(written, spelled):
    assert canonical_spelling(written) == spelled


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("UBND thành phố Đà Lạt, thành phố Bảo Lộc và các huyện",
         ["Ủy ban nhân dân thành phố Đà Lạt", "Ủy ban nhân dân thành phố Bảo Lộc",
          "Ủy ban nhân dân các huyện"]),
        ("Ủy ban nhân dân huyện Can Lộc", ["Ủy ban nhân dân huyện Can Lộc"]),
        ("UBND phường Bến Nghé", ["Ủy ban nhân dân phường Bến Nghé"]),
        ("Công an thành phố Đà Lạt", ["Công an thành phố Đà Lạt"]),
        ("Giám đốc Kho bạc Nhà nước Quảng Trị", ["Kho bạc Nhà nước Quảng Trị"]),
        ("Hiệu trưởng các trường THPT, Giám đốc các trung tâm GDNN-GDTX",
         # records spell abbreviations out (GOLD_FORMAT: "abbreviations in names expanded")
         ["Các trường trung học phổ thông",
          "Các trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"]),
        ("Sở GD&ĐT, Phòng TN&MT huyện", ["Sở Giáo dục và Đào tạo",
                                          "Phòng Tài nguyên và Môi trường huyện"]),
        ("Trưởng các thôn, bản và Công chức Văn hóa - Xã hội",
         ["Trưởng các thôn, bản", "Công chức Văn hóa - Xã hội"]),
        ("VP HĐND và UBND TP; UBND các phường, xã; Công an TP",
         ["Văn phòng HĐND và UBND thành phố", "Ủy ban nhân dân các phường, xã",
          "Công an thành phố"]),
        ("Ban CHQS các huyện, thành phố", ["Ban Chỉ huy Quân sự các huyện, thành phố"]),
        ("Phòng Kế hoạch - Tài chính Sở Y tế, Thanh tra Sở Xây dựng",
         ["Phòng Kế hoạch - Tài chính Sở Y tế", "Thanh tra Sở Xây dựng"]),
        ("Chủ tịch UBND huyện trực tiếp chỉ đạo", ["Ủy ban nhân dân huyện"]),
        ("Tổ công tác giải phóng mặt bằng huyện Hàm Thuận Bắc có nhiệm vụ",
         ["Tổ công tác giải phóng mặt bằng huyện Hàm Thuận Bắc"]),
        ("Gi4m d$c cèc Sò: Ké hoéch và Dâu tû, Tài chính",
         ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),
    ],
)
def test_agency_lists_in_running_text(written, names):
    from vanban.extract.agency_phrases import match_agency_list
    from vanban.folding import fold_ocr

    assert [f.value for f in match_agency_list(written, fold_ocr(written), 0)] == names


@pytest.mark.parametrize(
    ("written", "names"),
    [("Trưởng phòng Giáo dục và Đào tạo các huyện, thị xã",
      ["Phòng Giáo dục và Đào tạo các huyện, thị xã"]),
     ("Sở Y tế và các đơn vị liên quan", ["Sở Y tế", "Các đơn vị liên quan"])],
)
def test_bodies_of_each_unit_and_groups_after_va(written, names):
    from vanban.extract.agency_phrases import match_agency_list
    from vanban.folding import fold_ocr

    assert [f.value for f in match_agency_list(written, fold_ocr(written), 0)] == names


@pytest.mark.parametrize("damaged, name", [
    ("Sở KH&©CN", "Sở Khoa học và Công nghệ"),
    ("Sở NN&MIT", "Sở Nông nghiệp và Môi trường"),
    ("Sở LP-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở VH-TT-DL", "Sở Văn hóa, Thể thao và Du lịch"),  # every part joined by a dash
    ("Sở GT-VT", "Sở Giao thông vận tải"),
])
def test_abbreviations_an_ocr_damaged(damaged, name):
    assert expand_abbreviations(damaged) == name


@pytest.mark.parametrize(("capitals", "sentence"), [
    ("PHÒNG AN NINH NỘI BỘ", "Phòng an ninh nội bộ"),  # "BỘ": a word, its vowel under marks
    ("SỞ GDĐT TỈNH", "Sở GDĐT tỉnh"),  # an acronym stays
])
def test_sentence_case(capitals, sentence):
    assert sentence_case(capitals) == sentence


@pytest.mark.parametrize(("read", "name"), [
    ("Trân Minh Khoa", "Trần Minh Khoa"),  # a mark of the family name's lost
    ("NGUYÊN THỊ HOA", "NGUYỄN THỊ HOA"),
    ("Văn Tùng", "Văn Tùng"),  # no family name read: nothing to respell
    ("Đỗ Minh", "Đỗ Minh"),
])
def test_a_family_name_is_respelled_as_its_one_spelling(read, name):
    from vanban.normalize.names import respell_family_name

    assert respell_family_name(read) == name


@pytest.mark.parametrize(("read", "name"), [
    ("Phạm Ehị Minh Hà", "Phạm Thị Minh Hà"),  # a seal's ink over the "T"
    ("Xguyễn Văn Bình", "Nguyễn Văn Bình"),
    ("Trương Yiệt Hùng", "Trương Việt Hùng"),
    ("Lê Long Hải", "Lê Long Hải"),  # every word a name's: nothing to respell
    ("Vũ Qxz Hà", "Vũ Qxz Hà"),  # no name differs by the first letter alone
    ("Lê Văn Xoan", "Lê Văn Xoan"),  # a syllable the table lacks: a rare name, as read
])
def test_a_name_word_read_with_its_first_letter_wrong_is_respelled(read, name):
    from vanban.normalize.names import respell_misread_initials

    assert respell_misread_initials(read) == name



@pytest.mark.parametrize(("read", "name"), [
    ("Lê Trộng Hải", "Lê Trọng Hải"),  # a stroke over the "ọ" read as its hat
    ("Lê Trọng Hải", "Lê Trọng Hải"),
    ("Hoàng Thị Thuỷ", "Hoàng Thị Thuỷ"),  # a spelling some name has stays
    ("Trương Minh Đương", "Trương Minh Đương"),  # a "đ" is no vowel's mark
])
def test_a_given_name_our_ocr_read_with_a_mark_no_name_has(read, name):
    from vanban.normalize.names import respell_misread_marks
    assert respell_misread_marks(read) == name


def test_a_given_name_the_text_writes_again_as_read_stays():
    from vanban.normalize.names import respell_misread_marks
    text = "4.1. Ông Lê Văn Thuân - Trưởng đoàn.\n\nTRƯỞNG ĐOÀN\n\nLê Văn Thuân\n"
    assert respell_misread_marks("Lê Văn Thuân", text) == "Lê Văn Thuân"
