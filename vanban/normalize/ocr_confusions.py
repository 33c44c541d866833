"""What an OCR engine trained for English makes of Vietnamese letters, as data.

One table serves both directions: the repairer reads it as "this garbled string may
stand for one of these letters, at this cost", the synthetic garbler as "this letter
may come out as this string, more often the cheaper it is". Costs are negative log
odds, roughly; they are tuned on synthetic text, never on one document's words.
"""

from __future__ import annotations

# Vowel families: every toned and shaped letter that a bare vowel can stand for.
FAMILIES: dict[str, str] = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
A, E, I_, O_, U = (FAMILIES[k] for k in "aeiou")

# Letters with a circumflex or horn drawn above, which English models read as a
# tall glyph (d, 6, &) or a digit.
_O_HAT = "ôồốổỗộơờớởỡợ"
_A_HAT = "âầấẩẫậăằắẳẵặ"
_E_HAT = "êềếểễệ"
_U_HORN = "ưừứửữự"
# a, e and o with any mark drawn above them (tone, hat, breve, or a hat and a tone).
_MARKED_ABOVE = "àáảãâầấẩẫăằắẳẵèéẻẽêềếểễòóỏõôồốổỗơờớởỡ"

# (garbled string as the OCR wrote it, lower case; letters it may stand for; cost).
# A bare ASCII vowel standing for any letter of its family is handled by the caller
# (cost 0): that is plain diacritic loss, the commonest damage.
CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    # Latin-1 look-alikes: the accent survives but the wrong one, or a hat becomes an accent.
    ("á", A, 0.4),
    ("à", A, 0.4),
    ("â", A, 0.3),
    ("ã", A, 0.4),
    ("ä", A, 0.6),
    ("å", A, 1.0),
    ("é", E, 0.3),
    ("è", E, 0.4),
    ("ê", E, 0.3),
    ("ë", E, 0.6),
    ("é", A, 1.2),
    ("é", O_, 1.4),
    ("è", A, 1.6),
    ("í", I_, 0.4),
    ("ì", I_, 0.4),
    ("î", I_, 0.6),
    ("ï", I_, 0.8),
    ("ó", O_, 0.4),
    ("ò", O_, 0.4),
    ("ô", O_, 0.3),
    ("õ", O_, 0.4),
    ("ö", O_, 0.6),
    ("ú", U, 0.4),
    ("ù", U, 0.4),
    ("û", U, 0.6),
    ("ü", U, 0.6),
    ("ý", FAMILIES["y"], 0.4),
    # Tall letters for hatted vowels.
    ("d", _A_HAT + "áàảãạ", 1.3),
    ("d", _O_HAT + "óòỏõọ", 1.3),
    ("d", _E_HAT, 2.0),
    ("i", _A_HAT + "ả", 1.8),
    ("i", _U_HORN + "ủ", 1.8),
    ("b", _O_HAT, 1.4),
    ("g", "ợơ", 1.8),
    ("y", U, 1.2),
    ("w", _U_HORN, 1.0),
    ("ir", _U_HORN, 0.8),
    ("tr", _U_HORN, 1.6),
    ("ti", _U_HORN + "ủ", 1.4),
    ("it", _U_HORN, 1.4),
    ("lr", _U_HORN, 1.4),
    ("ii", U + _A_HAT, 1.6),
    # Digits and symbols inside words.
    # "6" is drawn like a circumflexed o, "0" like a horned one.
    ("6", "ôồốổỗộóòỏõọ", 0.6),
    ("6", "ơờớởỡợ", 1.2),
    ("0", "ơờớởỡợ", 0.7),
    ("0", "ôồốổỗộóòỏõọ", 1.1),
    ("9", _O_HAT, 1.2),
    ("3", "ãẵẫạ", 0.8),
    ("4", _A_HAT + "áà", 0.8),
    ("&", _E_HAT + "ởỡõờ", 0.9),
    ("$", "ộôồố", 1.0),
    ("q", "ộôồốổơợ", 1.3),
    ("€", _E_HAT, 0.6),
    ("¢", _E_HAT + "ộ", 1.2),
    ("¢", "c", 0.9),
    # Consonants.
    ("1", "l", 0.6),
    ("i", "l", 1.8),
    ("1", I_, 1.6),
    ("|", "l", 0.8),
    ("p", "đ", 1.2),
    ("b", "đ", 1.8),
    ("d", "đ", 0.0),
    ("e", "c", 1.4),
    ("rn", "m", 1.2),
    ("m", "n", 2.0),
)

# Confusions seen in real foreign-OCR output that the synthetic garbler does not make
# (kept out of `garble_options`, so the synthetic benchmark text stays the same):
# repair-only evidence. An English model reads every hatted or horned vowel with a tone
# as its nearest Latin-1 letter, so "é" is far more often "ê", "ô" or "ơ" than "é" (an
# "â" too had been read so: it made "dén 30/5" "dẫn 30/5"; without it every garbled measure
# rose by 0.03 to 0.06 point); a capital "Đ" comes out as "P"; a "ủ"/"ư" squeezed between
# consonants as "t".
REPAIR_ONLY: tuple[tuple[str, str, float], ...] = (
    ("é", _O_HAT[:6], 0.7),
    ("é", _O_HAT[6:], 0.9),
    ("è", _O_HAT[:6], 1.0),
    ("p", "đ", 0.6),
    ("t", _U_HORN + "ủ", 1.6),
    # "chifc", "Difc", "stfc" for "chức", "Đức", "sức"; "ngudi", "trudng" for "người", "trường"
    ("if", _U_HORN, 0.8),
    ("tf", _U_HORN, 1.2),
    ("d", "ơờớởỡợ", 1.3),
    # Any hat or accent drawn above a vowel can come out as "6" or "5" ("c6c", "b5o c5o",
    # "tr6n" for "các", "báo cáo", "trên"), and a dot below as a descender: "q" or "g"
    # ("nhiQm", "vq", "thgc" for "nhiệm", "vụ", "thực"); "ri" for a hatted or horned
    # vowel ("cric", "chric", "chri" for "các", "chức", "chủ"); "f" for a "ý" ("lf").
    ("6", "áâấắéêế", 0.8),
    ("5", "áâấắéêếóôốớ", 1.0),
    ("q", "ạậặệịọụựợ", 1.0),
    ("g", "ụựạệộ", 1.4),
    ("ri", "áấứủú", 1.2),
    ("ir", "áấ", 1.2),
    ("f", "ýỷ", 1.4),
    # The rest of the marks drawn above a vowel as "6" or "5": a hat with a tone ("tu6n",
    # "Nguy6n" for "tuần", "Nguyễn"), a hook ("gi6i", "qu6" for "giải", "quả").
    ("6", _MARKED_ABOVE, 1.0),
    ("5", _MARKED_ABOVE, 1.2),
    ("6", "ậặệộợ", 1.4),  # the mark above read, the dot below lost: "ho6c" for "hoặc"
    # A dot below as "4" or "p", as "q" and "g": "t4i", "d4o", "tpc", "thpc" for "tại",
    # "đạo", "tục", "thực".
    ("4", "ạã", 0.8),  # a tilde too: "x4" for "xã" (Tesseract's English model)
    ("p", "ụự", 1.2),
    # "l" for an "i" ("klp" for "kịp"), as "1" is.
    ("l", I_, 1.4),
    # A marked "u" as "ti": "ting" for "úng" (Tesseract's English model).
    ("ti", "úũù", 1.4),
    # The crossed "đ" split in two strokes: "tldng chi", "ttat tlugc", "rl6nh gi6" for
    # "đồng chí", "đạt được", "đánh giá". No Vietnamese syllable holds these pairs.
    ("tl", "đ", 0.8),
    ("tt", "đ", 1.0),
    ("rl", "đ", 1.2),
    ("rt", "đ", 1.2),
    # A hooked "ủ" as two strokes: "chir tri", "thfr tgc", "Chrl tich" for "chủ trì",
    # "thủ tục", "Chủ tịch".
    ("ir", "ủụ", 1.0),
    ("fr", _U_HORN + "ủ", 1.2),
    ("rl", "ủ", 1.2),
    # A horned "ơ" as "cr" ("dcrn", "Thucrng" for "đơn", "Thương"), a hatted "ê" with its
    # tone as "ii" ("kiit", "tiiin" for "kết", "tiến").
    ("cr", "ơờớởỡợ", 1.0),
    ("ii", _E_HAT, 1.2),
    # A hat read as a brace: "l{p", "nh{t" for "lập", "nhất"; a dotted "ị" as "!" ("v!").
    ("{", _A_HAT, 1.0),
    ("!", "ịỳỵ", 1.0),
    # A horned "ư" as "v" ("tv", "cv", "sv" for "tư", "cử", "sự": no syllable ends in "v")
    # or as two strokes "tt" ("gtti", "cttu", "gitta" for "gửi", "cứu", "giữa").
    ("v", _U_HORN, 1.4),
    ("tt", _U_HORN, 1.2),
    # A "u" with a tone as "i" or "t", as the horned one ("ing", "tng", "cing", "ving" for
    # "úng", "cùng", "vùng").
    ("i", "úùũụ", 1.8),
    ("t", "úùũ", 1.6),
    # A "q" read as the "g" it differs from by a tail ("guy dinh" for "quy định": Tesseract's
    # English model, text set in DejaVu Serif).
    ("g", "q", 1.2),
)

# What another English OCR model made of a scan's marks (a text layer a scanner's software
# wrote), which Tesseract's does not (`ONE_ACCENT_COSTS`: a text read so keeps out of these,
# whose readings would crowd its own out of a word's few). A vowel with a tone stacked on
# its hat or bowl drawn as two narrow strokes: "ti", "tl", "ri" for a toned "ê" ("ktit",
# "titip", "kirim" for "kết", "tiếp", "kiểm"), "ii", "ri" for a toned "ô" ("sii", "sri" for
# "số"), "rl", "ir" for a toned "a" or "u" ("crli", "lirm", "dirng" for "cải", "làm",
# "dùng"), "i5" for a toned "ô" or "ê" ("si5", "phi5i" for "số", "phối"); and a toned
# "a" as "i" ("cic", "hinh" for "các", "hành"). "ri" is dearer, since
# "tri" is mostly "trì", "trí": at 1.2, and as "ư" ("grii", "xri" for "gửi", "xử"),
# Tesseract's readings lost "Chủ trì" to "Chỗ từ", "Trị" to "Tế".
SPLIT_STROKES: tuple[tuple[str, str, float], ...] = (
    ("ti", _E_HAT, 1.2),
    ("tl", _E_HAT, 1.2),
    ("ri", _E_HAT, 1.6),
    ("ii", "ốồổỗộ", 1.6),
    ("ri", "ốồổỗộ", 1.6),
    ("rl", "áàảãạ", 1.2),
    ("ir", "àảùú", 1.4),
    ("i5", "ốồổỗộếềểễệ", 1.2),
    ("i", "àá", 1.8),
    ("ri", "ửừữự", 1.2),
    # "il" (no syllable holds it) for a toned "ê" or "ủ" ("Dil", "Chil" for "Để", "Chủ")
    ("il", _E_HAT + "ủ", 1.4),
    # the left stroke of a toned "ê" as a dot or a comma ("k.it", "ch.i" for "kết", "chế")
    (".i", _E_HAT, 1.2),
    (",i", _E_HAT, 1.2),
    # A toned narrow vowel as "f" ("dfng", "dfnh" for "đúng", "định"), a hatted "a" as "fl"
    # ("phfln", "Thufln" for "phận", "Thuận"), a toned "y" as "j" ("kj" for "kỳ"): no
    # Vietnamese word has an "f" or a "j".
    ("f", "úùũụịíìỉ", 1.4),
    ("fl", _A_HAT, 1.0),
    ("j", "yỳýỷỹỵ", 1.0),
)

# Marks an English OCR writes as a sign glued to the word (`diacritics._glued_marks`),
# read by the restorer only: a hook above a vowel as "?" or "’" after it ("st?", "sv’",
# "xt?" for "sử", "xử": Tesseract's English model, held-out text set in type), a horned
# "o" with its tone as "@" ("s@", "g@", "phu@ng" for "sở", "gỡ", "phường").
_HOOKED = {"a": "ảẩẳ", "e": "ẻể", "i": "ỉ", "o": "ỏổở", "u": "ủử", "y": "ỷ",
           "t": "ử", "v": "ử", "w": "ử", "é": "ểở"}
GLUED_MARKS: tuple[tuple[str, str, float], ...] = (
    *((v + hook, letters, 0.6) for v, letters in _HOOKED.items() for hook in "?’'"),
    ("@", "ởờỡớơợ", 0.8),
    # In a sans-serif it is any vowel with a hat and a mark ("li@u", "ng@p" for "liệu",
    # "ngập"), and the horn after the hook read as "&" ("S&@" for "Sở"): Tesseract's English
    # model, text set in Liberation Sans.
    ("@", _E_HAT + _A_HAT, 1.2),
    ("&@", "ởờỡớơợ", 0.6),
    # and a horned "u" with its tone as "t#" ("cht#c" for "chức")
    ("t#", _U_HORN, 0.6),
)

# A capital "A" inside a word of small letters: a vowel whose hat and tone an English OCR
# read as one tall letter ("nAng", "dAy", "cAn", "giAi" for "nâng", "đầy", "cần", "giải";
# "dA", "vA" for "đề", "về"), seldom a bare "a". `diacritics` writes it as TALL_A for the
# search (a small "a" keeps its own readings), read by the restorer only.
TALL_A = "\ue041"
TALL_I = "\ue049"
TALL_G = "\ue047"
TALL_E = "\ue045"
TALL_CAPITALS: tuple[tuple[str, str, float], ...] = (
    (TALL_A, _A_HAT, 0.0),
    (TALL_A, "áàảãạ", 0.5),
    (TALL_A, _E_HAT, 0.6),
    (TALL_A, "a", 1.0),
    (TALL_A, "h", 1.0),  # the "h" of "kh" drawn so too ("kAai", "kA6" for "khai", "khó")
    # An "I" opening a word: an "l" as often as an "i" in a sans-serif, where the two are one
    # glyph ("Iwong", "Iinh" for "lương", "lĩnh").
    (TALL_I, I_, 0.0),
    (TALL_I, "l", 0.4),
    # A capital "G" where no "g" can stand (inside a word of small letters, or before a
    # consonant): a round vowel with its hat, horn or dot below ("NGi", "MGi", "thuGc",
    # "Gng" for "Nội", "Môi", "thuộc", "Úng": Tesseract's English model, text set in a
    # sans-serif and in DejaVu Serif).
    (TALL_G, _O_HAT + "ọ", 0.3),
    (TALL_G, "ụủúùũưừứửữự", 0.6),
    (TALL_G, "g", 0.6),  # "NGay" of a heading half in capitals
    # A capital "E" opening a word that is no syllable so: a crossed "Đ" whose bar and bowl
    # were read as an E's arms ("EAu", "Eiu" for "Đầu": a scanner's English text layer).
    (TALL_E, E, 0.0),
    (TALL_E, "đ", 1.0),
)

# Tesseract's English model writes every mark drawn above an "e" or an "o" as "é" and no
# other Latin-1 accent, and a horned or toned "u" as "i", "t" or "v". Measured on the
# model's own training sentences (`scripts/corpus/`, 17,800 words) set in Liberation Serif
# at 300 dpi and read back (`scripts/measure_ocr_channel.py`): "é" stood for ê, ệ, ế, ể, ề
# and for ó, ớ, ở, ô, ồ, ộ, for a letter of the "a" family once in 200 (which a synthetic
# garble, and the table above, let it stand for often); "ứ", "ữ", "ũ" came out "i" two
# times in three, "ử" "t" or "v" four in five. A text whose only accent is "é"
# (`diacritics.one_accent`) is read with these costs in place of the table's. ("i" for "ủ",
# "ử" too, as in "Chi tich", "cia" for "Chủ tịch", "cửa" of the devset's PDFs: +0.01 to
# +0.03, round seven.)
ONE_ACCENT_COSTS: tuple[tuple[str, str, float], ...] = (
    ("é", A, 2.0),
    ("i", "ứừữũúủử", 1.3),
    ("t", "ửừứùú", 1.3),
    ("v", "ửự", 1.0),
    # "ợ" came out "g" one time in three, "¢" one in six ("duge", "lu¢ng" for "được",
    # "lượng"): +0.2 point on wild passages so read, +0.4 on the sentences measured
    ("g", "ợ", 1.0),
    ("¢", "ợờở", 1.0),
    # and "e" for it ("phéi hep" for "phối hợp": held-out text set in type, +0.3 point;
    # dearer than 1.6, "thu hẹp" read "thu hợp" too)
    ("e", "ợ", 1.6),
    # "é" is as often an "ô" with its tone as an "ê" ("hé so" for "hồ sơ"): 0.3 as "ê",
    # against the table's 0.7; the devset's PDFs +0.14 point, text set in type +0.01 to
    # +0.2 (0.45 and 0.6 less; "ơ" so at 0.5 flat)
    ("é", "ôồốổỗộ", 0.3),
    # Its readings of held-out text set in a sans-serif at 200 dpi (`bench/restore.py`,
    # `run_rendered`): a hooked "ủ" as "l" or "d" ("cla", "thd", "Chd" for "của", "thủ",
    # "Chủ"), "ã" as "8" or "&" ("x8", "x&" for "xã"), "ờ", "ợ" as "a" ("thai", "hap" for
    # "thời", "hợp"): sans +1.2 points, serif +0.1, the devset's PDFs +0.04. (Round eight:
    # "o" for "ủ" too, "Cho tri" for "Chủ trì" in Liberation Sans at 300 dpi, +0.2 there.)
    ("l", "ủ", 1.3),
    ("d", "ủ", 1.3),
    ("o", "ủ", 1.3),
    ("8", "ãẫ", 1.0),
    ("&", "ã", 1.0),
    # and "&" for a hatted or breved "a" with its tone ("d&n", "ng&n", "c&p" for "dân",
    # "ngân", "cấp"), as often as for "ã"
    ("&", _A_HAT, 0.8),
    ("&", "á", 1.0),
    ("a", "ờợ", 1.5),
)

# Letters Tesseract's English model runs together or drops (measured as above): "ươ" as
# one "u" before a "c" or an "n", or as an "o" before "ng" ("duc", "hung", "trong" for
# "được", "hướng", "trường": from one time in two to one in twenty), and the "c" after
# the "ự" of "thực", "trực" ("thu", "tru": one in six). (pattern in the word as read,
# the letters it stood for, cost): a word so read also has the readings of that spelling.
ONE_ACCENT_LOST: tuple[tuple[str, str, float], ...] = (
    (r"u(?=[cn])", "uo", 1.5),
    (r"o(?=ng)", "uo", 1.5),
    (r"(?<=[rh])u$", "uc", 1.5),
    # the second "u" of "ưu" as a "t" ("tham mut" for "tham mưu": held-out text set in
    # type, +0.1 point)
    (r"(?<=u)t$", "u", 1.5),
)

# Cost of dropping one garbled character that stands for nothing, and of a letter the
# OCR lost altogether (at most one per syllable: "kA6" for "khó"). A lost letter 2.0 rather
# than 2.6 (round seven): a real layer +0.2 point, Tesseract's readings +0.01 to +0.11, the
# synthetic garbles +0.1 and +0.3, the devset's texts garbled extracted .942 → .955 (1.8
# more on the synthetic, Tesseract's on the devset's PDFs −0.05; 3.0 worse). Not in a word
# of no vowel read ("dng" of "ông đề nghị" had become "đồng"): every reading is a guess.
DELETE_COST = 2.2
INSERT_COST = 2.0
INSERT_COST_NO_VOWEL = 2.6
# Garbler odds per damaged letter: plain diacritic loss against any table entry.
STRIP_WEIGHT = 3.0


def repair_options(
    *, one_accent: bool = False, strokes: bool = False, glued: bool = False
) -> dict[str, list[tuple[str, float]]]:
    """garbled string → [(target letter, cost)], cheapest cost kept per letter; with
    `one_accent`, as Tesseract's English model reads (`ONE_ACCENT_COSTS`); with `strokes`,
    `SPLIT_STROKES` too, with `glued` `GLUED_MARKS` and `TALL_CAPITALS` (the restorer's, not
    the rules' OCR spellings)."""
    best: dict[str, dict[str, float]] = {}
    table = CONFUSIONS + REPAIR_ONLY + (SPLIT_STROKES if strokes else ())
    if glued:
        table += GLUED_MARKS + TALL_CAPITALS
    for garbled, targets, cost in table:
        slot = best.setdefault(garbled, {})
        for letter in targets:
            if cost < slot.get(letter, 99.0):
                slot[letter] = cost
    for family, letters in FAMILIES.items():
        slot = best.setdefault(family, {})
        for letter in letters:
            slot[letter] = min(slot.get(letter, 99.0), 0.0)
    if one_accent:
        for garbled, targets, cost in ONE_ACCENT_COSTS:
            for letter in targets:
                best.setdefault(garbled, {})[letter] = cost
    return {g: sorted(slot.items(), key=lambda kv: kv[1]) for g, slot in best.items()}


def garble_options() -> dict[str, list[tuple[str, float]]]:
    """true letter → [(garbled string, weight)] for the synthetic garbler."""
    out: dict[str, list[tuple[str, float]]] = {}
    for garbled, targets, cost in CONFUSIONS:
        if garbled in FAMILIES or cost <= 0.0:
            continue
        for letter in targets:
            out.setdefault(letter, []).append((garbled, 2.718281828 ** (-cost)))
    return out
