from vanban.extract.garbled_words import alike_but_garble
from vanban.folding import fold_ocr


def test_a_name_garbled_past_reading_is_the_issuer_by_likeness() -> None:
    # "Ủy" written "IIy" by an English OCR and kept as written by the restorer, unsure
    issuer = fold_ocr("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã")
    assert alike_but_garble(fold_ocr("Ban Thường trực IIy ban Mặt trận Tổ quốc Việt Nam xã"),
                            issuer)
    # a word that is a syllable is another word, not garble ("Ấy" is no "Ủy")
    assert not alike_but_garble(fold_ocr("Ban Thường trực Ấy ban Mặt trận Tổ quốc Việt Nam xã"),
                                issuer)
    assert not alike_but_garble(fold_ocr("Sở Tài chính"), fold_ocr("Sở Tư pháp"))
