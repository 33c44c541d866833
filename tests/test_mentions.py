"""One body under one name: what a short, counted or bare mention stands for, and what
it must not be merged with."""

from vanban.extract.mentions import read_mentions, split_over_objects


def test_a_body_charged_with_several_named_objects_is_one_body_per_object():
    assert split_over_objects("Nhà đầu tư của 02 dự án đường bộ cao tốc Cam Lâm – Vĩnh Hảo "
                              "và Vĩnh Hảo – Phan Thiết") == [
        "Nhà đầu tư dự án đường bộ cao tốc Cam Lâm – Vĩnh Hảo",
        "Nhà đầu tư dự án đường bộ cao tốc Vĩnh Hảo – Phan Thiết"]
    assert split_over_objects("Sở Giao thông vận tải và Sở Xây dựng") == [
        "Sở Giao thông vận tải và Sở Xây dựng"]  # no counted objects: not this rule's


def test_short_counted_and_bare_mentions_resolve_to_the_names_written_in_full():
    full = "Nhà đầu tư của 02 dự án đường bộ cao tốc Cam Lâm – Vĩnh Hảo và Vĩnh Hảo – Phan Thiết"
    meaning = read_mentions([full, "Nhà đầu tư Dự án cao tốc Cam Lâm - Vĩnh Hảo",
                             "Nhà đầu tư 02 dự án", "Nhà đầu tư"])
    both = split_over_objects(full)
    assert meaning["Nhà đầu tư Dự án cao tốc Cam Lâm - Vĩnh Hảo"] == both[:1]
    assert meaning["Nhà đầu tư 02 dự án"] == both
    assert meaning["Nhà đầu tư"] == both


def test_names_that_could_be_two_bodies_stay_apart():
    meaning = read_mentions([
        "Sở Y tế", "Sở Y tế tỉnh Ninh Bình",  # a place appended is no other name
        "Ban Quản lý dự án đầu tư xây dựng", "Ban Quản lý dự án đầu tư xây dựng số 2",
        "Ban Quản lý dự án đầu tư xây dựng thuộc Thành phố",  # two longer ones: which?
        "Chủ đầu tư", "Chủ đầu tư các khu đô thị",  # a description, not a name
        "Các sở, ban, ngành", "Các sở, ban, ngành, địa phương",  # groups are kept apart
    ])
    assert meaning == {}
