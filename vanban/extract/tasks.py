"""Tasks from the outline: owners from block headings and verbs, co-owners, deadlines."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from vanban.extract import patterns as p
from vanban.extract.agency_phrases import (
    could_start_a_name,
    match_agency,
    match_agency_list,
    match_localities,
    name_runs_across,
    named_before,
)
from vanban.extract.deadlines import BEFORE, DONE_LATER, DeadlineMatch, find_deadlines
from vanban.extract.found import Found, tagged
from vanban.extract.lines import Line, blocks_of
from vanban.extract.mentions import teams_named_in_full
from vanban.extract.officers import officer_asked, officer_at, post_in_charge
from vanban.extract.organisations import match_organisation
from vanban.extract.outline import (
    Node,
    join_bare_markers,
    join_soft_breaks,
    marker_of,
    own_text,
    parse_outline,
)
from vanban.extract.provinces_named import provinces_as_subject
from vanban.extract.vocabulary import level_tier, phrase_at, phrase_patterns, phrases, tolerant
from vanban.folding import UPPER, fold_ocr
from vanban.normalize.agencies import TITLE_PREFIX, canonical_agency, expand_abbreviations
from vanban.normalize.names import is_family_name
from vanban.normalize.syllables import looks_like_syllable
from vanban.normalize.text import (
    capitalize_first,
    collapse_spaces,
    is_upper_text,
    names_may_be_damaged,
    names_state,
    typed_as_written,
)
from vanban.regex_gate import FirstWords, gated, needing, opened

# "Điều 3. Chánh Văn phòng ..., Giám đốc các Sở ... chịu trách nhiệm thi hành Quyết định
# này": who executes a decision, not a task anyone leads.
# ("... có trách nhiệm quán triệt tinh thần Chỉ thị, nghiêm chỉnh thực hiện ...": a
# directive's closing charge to everyone it names, as well)
_THIS_DOCUMENT = rf"(?:{tolerant('text_kinds')})"
# ("... căn cứ Quyết định thi hành": the same, said shorter; an English OCR may lose the
# only vowel of "cứ": "cán c quyết định thi hành")
_EXECUTION_CLAUSE = gated(re.compile(
    rf"\bc[a-z]n\s+c[a-z]?\s+{_THIS_DOCUMENT}(?:\s+n[a-z]y)?\s+(?:d[a-z]\s+)?thi\s+h[a-z]nh\b|"
    # ("... căn cứ Quyết định thực hiện./.", the clause's last words)
    rf"\bc[a-z]n\s+c[a-z]?\s+{_THIS_DOCUMENT}(?:\s+n[a-z]y)?\s+th[a-z]{{1,2}}c\s+hi[a-z]n\s*(?:[./]|$)|"
    # (a council's resolution's mirror of it: "Thường trực HĐND tỉnh, các Ban của HĐND tỉnh
    # ... giám sát việc thực hiện Nghị quyết", rule supervision-clause-is-no-task)
    r"\bgi[a-z]m\s+s[a-z]t\s+(?:vi[a-z]c\s+)?(?:tri[a-z]n\s+khai\s+)?th[a-z]{1,2}c\s+hi[a-z]n\s+"
    r"ngh[a-z]\s+quy[a-z]t(?:\s+n[a-z]y)?\s*(?:[./]|$)|"
    # (an OCR may lose the "i" of "chịu": "chu trách nhiệm")
    r"(?:ch[a-z]?u|c[a-z])\s+tr[a-z]?ch\s+nhi[a-z]m\s+(?:t[a-z]\s+ch[a-z]c\s+)?"
    r"(?:tri[a-z]n\s+khai\s+)?"
    # "thi hành Quyết định" needs no "này" to be this one's (a scan may lose the word);
    # a resolution's own clause says "thi hành Nghị quyết này" (the Government's formula:
    # "Các Bộ trưởng, ... chịu trách nhiệm thi hành Nghị quyết này"), which only this
    # clause reads so ("Giao UBND tỉnh tổ chức thực hiện Nghị quyết" stays a council's task)
    rf"(?:thi\s+h[a-z]nh\s+(?:nghi[a-z]m\s+)?(?:{_THIS_DOCUMENT}|ngh[a-z]\s+quy[a-z]t\s+n[a-z]y)"
    rf"|th[a-z]{{1,2}}c\s+hi[a-z]n\s+(?:nghi[a-z]m\s+)?{_THIS_DOCUMENT}\s+n[a-z]y"
    rf"|qu[a-z]n\s+tri[a-z]t\s+(?:tinh\s+th[a-z]n\s+|n[a-z]i\s+dung\s+)?{_THIS_DOCUMENT})"
))
# ("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: ..., Chủ tịch UBND các huyện ch":
# a copy cut off inside its last article, before the verb; the titles it opens with say it
# is the execution clause all the same)
_EXECUTING_OPENS = re.compile(rf"\s*(?:{tolerant('executing_titles')})")
_WHOLE_SENTENCE_END = (".", ";", ":", "!", "?", "\"", "”", ")")


def _executes_only(node: Node, folded: str) -> bool:
    """Whether the item is the execution clause: it holds one, and no sentence before it
    ("Điều 3. Bộ trưởng Bộ Tài chính chịu trách nhiệm hướng dẫn thi hành Quyết định này. /
    Các Bộ trưởng, ... chịu trách nhiệm thi hành Quyết định này.": the first is a task, which
    the sentences' own reading keeps, and the clause after it none)."""
    clause = _SPAN_EXECUTION_CLAUSE.search(folded, node.start, node.end)
    if clause is None:
        return False
    before = folded[node.start : clause.start()]
    return not re.search(r"[a-z]{2}\.\s*\n", before)


def _cut_execution_clause(node: Node, context: _Context) -> bool:
    """Whether `node` is the text's last article, cut off before its verb, that opens with
    an execution clause's titles (rule cut-execution-clause-is-no-task)."""
    return (node.kind == "article" and not context.text[node.end :].strip()
            and not context.text[node.start : node.end].rstrip().endswith(_WHOLE_SENTENCE_END)
            and _EXECUTING_OPENS.match(context.folded, node.start, node.end) is not None)


# Sections that state aims, not assignments ("I. MỤC ĐÍCH, YÊU CẦU").
# a plan's aims and grounds, a notice's assessment of what was found: no tasks stand there
_NON_TASK_SECTION = re.compile(
    r"^\s*(?:muc dich|yeu cau|muc tieu|quan diem|can cu|danh gia chung|tinh hinh|thuc trang"
    r"|ket qua (?:dat duoc|thuc hien|kiem tra)"
    # (an emulation's criteria and awards: what is judged, no duty: "2. Tiêu chí thi đua")
    r"|tieu chi|hinh thuc khen thuong"
    # (whom a plan applies to: "2. Đối tượng áp dụng: a) Các doanh nghiệp ...")
    r"|doi tuong"
    # (a body's make-up lists its units, no duty: "Điều 3. Cơ cấu tổ chức / 2. Các Phòng ...")
    r"|co cau to chuc"
    # (a team's powers, what it may do: "Điều 3. Quyền hạn của Ban Chỉ đạo / 1. Yêu cầu các
    # Bộ, ngành cung cấp thông tin ..."; its duties stand under "Nhiệm vụ")
    r"|quyen han)(?![^\n]*\b(?:nhiem vu|giai phap)\b)")

# What may stand between a clause's start and its verb: "UBND tỉnh giao Sở X ...", and a
# purpose before a comma ("Để kịp tổ chức lựa chọn nhà thầu, đề nghị Sở Tài chính ...").
# The council may be named by its level alone ("Thành phố cũng giao các chủ đầu tư ..."),
# with an adverb before the verb.
# (a conclusion agrees as it gives: "Thống nhất giao Sở X ...", "Đồng ý giao ...")
# Its head or leaders may speak ("Phó Chủ tịch UBND tỉnh yêu cầu ...", "Lãnh đạo thành
# phố giao ..."), named with the place and the person ("Chủ tịch UBND tỉnh Lâm Đồng Trần
# Văn An yêu cầu": the capitalised words are passed over, `_requester_leads`), or the text
# it speaks through ("Công điện yêu cầu ...", "Chủ tịch UBND tỉnh vừa có công văn số
# 12/UBND-KT ngày 3/4/2026 yêu cầu ...").
# (level words as an OCR may spell them: "tlnh")
_LEVELS_OCR = "|".join(rx for _, rx in p.LEVEL_PATTERNS)
_COUNCIL_HEAD = r"(?:ubnd|uy ban nhan dan)"
# the party's committee its standing members speak for: "Thường trực Tỉnh ủy yêu cầu ..."
_PARTY_COMMITTEE = rf"(?:{tolerant('party_committees')})"
# How a text hands a task on, as a verb or a noun ("chỉ đạo", "yêu cầu", "giao", "đề nghị")
_DIRECTS = tolerant("directing_verbs")
_ASKS = f"{_DIRECTS}|{tolerant('asking_verbs')}"
_ISSUING_TEXT = (rf"(?:{tolerant('issuing_texts')})(?:\s+(?:khan|hoa toc))?"
                 r"(?:\s+so\s+\S+|\s+\S*\d\S*)?(?:\s+ngay\s+\S+)?")
# Adverbs between who asks and the verb: "UBND tỉnh vừa / mới / đã / hỏa tốc yêu cầu ..."
_ADVERBS = tolerant("request_adverbs")
# the day a thing was said: "ngày 25/6/2026"
_SAID_ON = r"ng[a-z]{0,2}y\s+\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
_CLAUSE_LEAD = re.compile(
    # (after an opening clause's comma, or a name the title stands in apposition to:
    # "đồng chí Lê Văn An – Phó Chủ tịch UBND huyện yêu cầu ...")
    # (the dash may be glued to the name before it: "đồng chí Lê Văn An- Chủ tịch ...")
    r"^\W*(?:[^;]*(?:,|\s[–-]|(?<=\w)[–-](?=\s))\s*)?"
    # (the day it was said, with no comma after it: "..., ngày 25/6/2026 Chủ tịch ...")
    rf"(?:{_SAID_ON}\s+)?"
    # (a title after its honorific: "Tại cuộc họp, đồng chí Chủ tịch yêu cầu ...")
    rf"(?:(?:(?:{tolerant('honorifics')})\s+)?(?:{tolerant('requester_titles')})"
    rf"(?:\s+{_COUNCIL_HEAD}|\s+{_PARTY_COMMITTEE})?(?:\s+(?:{_LEVELS_OCR}))?\s*"
    rf"|(?:{_COUNCIL_HEAD}\s+)?(?:{_LEVELS_OCR})\s*|{_ISSUING_TEXT}\s*)?"
    rf"(?:(?:{_ADVERBS}|thong nhat|dong y)\s+)*"
    rf"(?:(?:co|ban hanh)\s+{_ISSUING_TEXT}\s+)?$"
)
# the capitalised words after a council's level: its place, its head's name
_NAMES_BEFORE_VERB = re.compile(rf"(?:\s+[{UPPER}][^\s,;.:()]*){{1,7}}\s*$")
_LEVEL_WORD = re.compile(rf"\b(?:{_LEVELS_OCR})\b")
_ISSUING_TEXT_HERE = re.compile(_ISSUING_TEXT)
_PERSON_AFTER = re.compile(rf"(?:\s+[{UPPER}][^\s,;.:()]*){{2,4}}(?=\s+[^\W{UPPER}])")
_ISSUED = re.compile(
    rf"\s+(?:(?:da|vua)\s+)?(?:co|ky|ban hanh|gui)\s+{_ISSUING_TEXT}(?:\s+[a-z]+){{0,2}}$")
# "Bộ Y tế vừa có công điện gửi UBND các tỉnh ... quan tâm chỉ đạo ...": a text the sentence
# reports being sent charges those it is sent to ("ban hành công văn số 12/UBND-VP gửi ...",
# "có Công điện khẩn về tăng cường ... gửi ..."); one a sentence cites to act on does not
# ("Thực hiện Công văn số 12/BYT-DP ngày ... của Bộ Y tế gửi các tỉnh, ...")
_REPORTED = (
    # ("... vừa ký văn bản gửi ...": the text its head signed)
    rf"\b(?:co|ban hanh|ra|ky)\s+(?:{tolerant('issuing_texts')})"
    r"(?:\s+(?:khan|hoa toc|thuong khan))?(?:\s+(?:so\s+)?\S*\d\S*)?(?:\s+ngay\s+\S+)?"
    r"(?:\s+ve\s[^.;:\n]{0,160}?)?\s+")
# ("gửi tới / đến các Bộ, ngành ...")
_SENT = r"gui\s+(?:(?:toi|den)\s+)?"
# (few sentences say "gửi": a search of it first, `needing`)
_SENT_TO = needing(gated(re.compile(rf"{_REPORTED}(?:{_SENT})")), part=_SENT)
# a clause of a duty's chain that sends a text, right after the comma: ", có văn bản gửi ...",
# ", đồng thời có văn bản gửi ..." (the body charged reports to those it names)
_ONE_OF_DUTIES = re.compile(rf"(?<=[,;])\s*(?:(?:{tolerant('sentence_connectors')}|va)\s+)?")
# a draft sent to bodies for their comments, with no request verb: "... gửi đến các cơ quan,
# đơn vị phối hợp góp ý dự thảo ..."
_SENT_FOR_COMMENTS = gated(re.compile(r"\bgui\s+(?:den|toi)\s+"))
_COMMENTS_ASKED = re.compile(
    rf"\s*(?:de\s+|(?:{tolerant('asking_verbs')})\s+)?(?:(?:{tolerant('help_verbs')})\s+)?"
    r"(?:tham gia\s+)?(?:gop y|y kien|cho y kien)\b")
# A request said as a noun, whose and to whom: "là chỉ đạo của UBND tỉnh đối với Sở X",
# "yêu cầu của Chủ tịch UBND tỉnh đưa ra cho Sở Y tế" (who asks named with "của", no clause
# between)
# (not a ground a decision cites, "Xét đề nghị của Sở X về việc cấp kinh phí cho ...", nor
# one carried out, "Thực hiện chỉ đạo của UBND tỉnh tại Công văn ...")
# (to whom it ends: three sentences in four have no "cho", "tới" or "đối với", and are
# not scanned for the rest, `needing`)
_TO_WHOM = r"(?:(?:dua ra|gui|giao)\s+)?(?:doi voi|cho|toi)\s+(?=\S)"
_REQUEST_NOUN = needing(gated(re.compile(
    r"(?<!xet )(?<!theo )(?<!can cu )(?<!hien )(?<!tiep thu )"
    # (or passive: "là yêu cầu vừa được UBND TP.HCM đưa ra cho Sở Y tế thành phố"; or in a
    # relative clause: "Đó là yêu cầu mà Bộ X vừa đưa ra khi chỉ đạo cho Cục Y ...")
    # (an English OCR's "vùa" the restorer reads as "và": "yêu cầu và được ...")
    rf"\b(?:{_ASKS})\s+(?:cua|ma|(?:vu?a\s+|da\s+)?duoc)\s+"
    r"(?:(?!(?:ve|tai|so|ngay)\b)(?:[^.;:,()\s]|\.(?=\w))+\s+){1,9}?"
    rf"(?:{_TO_WHOM})")), part=_TO_WHOM)
# ... or directs: "UBND tỉnh ban hành Công văn số ... chỉ đạo các sở, ban, ngành và UBND các
# huyện ...": with no "Kính gửi", whom "các đơn vị, địa phương" after it stand for
_REPORTED_TO = gated(re.compile(_REPORTED + rf"(?:gui(?:\s+(?:toi|den))?|{_DIRECTS})\s+"))
# ... or a letter told by what it asks and of whom, its subject after them: "Sở GD-ĐT vừa
# yêu cầu các Phòng GD-ĐT quận, huyện, các trường học trực thuộc về việc tăng cường ..."
_REPORTED_REQUEST = gated(re.compile(
    rf"\b(?:vua|da|moi)\s+(?:{tolerant('asking_verbs')})\s+(?=[^.;:\n]{{0,240}}?\bve viec\b)"))
_CITED = re.compile(r"\W*(?:thuc hien|can cu|theo|tiep theo|tai)\b")
_CONNECTOR = re.compile(rf"[\s\-+•*]*(?:{tolerant('sentence_connectors')})\s*[,:]?\s*")
_A_GROUP = re.compile(r"\bc[a-z]c\b")
_LEVEL_FIRST = re.compile(rf"\W*(?:{_LEVELS_OCR})\b")
_TITLE_HERE = re.compile(rf"\b(?:{tolerant('requester_titles')})")
_PURPOSE_OPENS = re.compile(r"\W*(?:de|nham)\b")
_DIRECTING = gated(re.compile(rf"\b(?:{tolerant('directing_verbs')})\s*,?\s+"))
# "lãnh đạo, chỉ đạo": the verb pair at a lead's end, no requester's title
_DIRECTING_PAIR = re.compile(rf"\b(?:{tolerant('directing_pairs')})\s*(?:,|\bva\b)?\s*$")
_DIRECTED_AFTER = re.compile(
    rf"\s*(?:(?:{_ADVERBS})\s+)*(?:{tolerant('directing_verbs')})\s*,?\s+")
# Tolerant of an English OCR's vowels: "chi tri", "phdi hop véi", "chiu trach nhièm".
_DEPARTMENT_LEAD = re.compile(r"^\W*(?:[^;]*,\s*)?so(?: [a-z&]+){1,6}\s+$")
# "nhiệm vụ do UBND tỉnh giao cho ...": who gave the task, not a request (typed "do"; "độ"
# of "tiến độ" is not it)
# (nor a connector: "Theo đó", "Do đó", stripped "Theo do", "Do do")
_PASSIVE_AGENT = re.compile(r"(?<![Tt]heo )(?<![Dd]o )\b[Dd]o\b(?!\s+(?:đó|do)\s*,)")
_BY_AGENT = gated(re.compile(r"\bdo\s+"))
_DUTY = re.compile(rf"\s*(?:{tolerant('agent_duties')})\b")
# (whether a span holds one at all: the same answer as `_DUTY.search`, not tried at every space)
_DUTY_ANYWHERE = gated(re.compile(rf"(?:{tolerant('agent_duties')})\b"))
_LEAD = tolerant("lead_verbs")
_LEAD_HERE = re.compile(rf"\b(?:{_LEAD})\b")
_HELP = tolerant("help_verbs")
# (most sentences hold no lead verb: a search of it first, `needing`)
_LEADS = needing(gated(re.compile(rf"\s*(?:[-–]\s*)?(?:{_LEAD})")), part=_LEAD)
# what bodies at large hand in: "... các cơ quan, đơn vị liên quan tổng hợp danh sách ..."
_HANDS_IN = re.compile(rf"\s*(?:{tolerant('handing_in_verbs')})\b")
# A plan's labels: "Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: các sở, ngành",
# "Đơn vị thực hiện: X"; bare ("- Chủ trì: X") where a line or a clause starts: "Sở X
# chủ trì: ..." is the verb after its subject
_LINE_START = r"(?:^|(?<=[\n;.]))[\s\-+•*]*"
_LABEL_BODY = tolerant("label_bodies")
# (a label has its colon, which most sentences have not: `needing`)
# ("Đơn vị chủ trì tham mưu thực / hiện:": advising first, the label wrapped by the page)
_LEAD_LABEL = needing(gated(re.compile(
    rf"(?:\b(?:{_LABEL_BODY})\s+(?:(?:{_LEAD})\s*(?:tham\s+muu\s+)?(?:thuc\s+hien)?"
    rf"|thuc\s+hien)|{_LINE_START}(?:{_LEAD})\s*(?:thuc\s+hien)?)\s*:[\s*_]*")), char=":")
_COOWNER_LABEL = needing(gated(re.compile(
    rf"(?:\b(?:{_LABEL_BODY})\s+|{_LINE_START})(?:{_HELP})\s*(?:thuc hien)?\s*:\s*")),
    char=":")
_COOWNER = gated(re.compile(rf"\b(?:{_HELP})(?:\s+(?:v[a-z]{{1,2}}i|cung))?\s+"))
# A sentence's readers (`_read_span_owners`, `_co_owners`, the labels below a heading, the
# execution clause in an item) ask one pass over it whether their patterns' first words
# are in it (`regex_gate.FirstWords`): most sentences hold none of a pattern's, and are
# not scanned for it.
_SPANS = FirstWords("span-readers")
(_SPAN_REQUEST, _SPAN_EXECUTION_CLAUSE, _SPAN_SENT_TO, _SPAN_SENT_FOR_COMMENTS,
 _SPAN_REQUEST_NOUN, _SPAN_DIRECTING, _SPAN_BY_AGENT, _SPAN_DUTY, _SPAN_LEADS,
 _SPAN_LEAD_LABEL, _SPAN_COOWNER_LABEL, _SPAN_COOWNER) = map(_SPANS.marked, (
    p.REQUEST, _EXECUTION_CLAUSE, _SENT_TO, _SENT_FOR_COMMENTS, _REQUEST_NOUN, _DIRECTING,
    _BY_AGENT, _DUTY_ANYWHERE, _LEADS, _LEAD_LABEL, _COOWNER_LABEL, _COOWNER))
# (the lead and help verbs, and "có ý kiến chỉ đạo", as folded text has them)
_LEAD_OR_HELP = "|".join(" ".join(verb) for name in ("lead_verbs", "help_verbs")
                         for verb in phrases(name))
_DIRECTING_WORDS = "|".join(" ".join(v) for v in phrases("directing_verbs"))
_VERBS = re.compile(
    rf"\b(?:{_LEAD_OR_HELP}|thuc hien|trien khai|tham muu|bao cao|duoc|da|la|trach nhiem|"
    rf"xay dung|to chuc|huong dan|theo doi|kiem tra|nghien cuu|tang cuong|day manh|"
    rf"co y kien (?:{_DIRECTING_WORDS}|nhu sau))\b"
)
# an item that opens with the lead verb or its partners' ("Chủ trì, phối hợp với ...")
_OPENS_LEADING = re.compile(rf"[\s*_]*(?:{_LEAD_OR_HELP})\b")
_CLAUSE_END = re.compile(r";|\.(?=\s)")
# "... chủ trì cuộc họp với các ngành": who chairs a meeting leads no task by it
_CHAIRS_A_MEETING = re.compile(
    r"\s*(?:cu[a-z]c\s+h[a-z]p|h[a-z]i\s+ngh[a-z]|bu[a-z]i\s+l[a-z]m\s+vi[a-z]c|phi[a-z]n\s+h[a-z]p)\b")
# A closing charge to carry out the text itself: "... thực hiện nghiêm chỉ đạo này",
# "... nghiêm túc thực hiện Công văn này./." (who is charged leads no task of it)
# (the text by its kind, `text_kinds`, or by what it does: "chỉ đạo này")
_THIS_TEXT = rf"(?:{tolerant('text_kinds')}|{tolerant('directing_verbs')})"
_CLOSING_CHARGE = re.compile(
    r"\s*(?:(?:nghiem tuc|nghiem chinh|khan truong|to chuc|trien khai)\s+)*thuc hien\s+"
    r"(?:nghiem(?:\s+tuc|\s+chinh)?\s+)?(?:(?:noi dung|y kien)\s+)?"
    rf"{_THIS_TEXT}\s+(?:nay|nau|neu tren|tren)"
    r"[\s./]*$")
_DASHED_NUMBER = re.compile(r"[ \t]*\d{1,2}[ \t]*[-–][ \t]+(?=[a-z])")
# (but "phối hợp tham gia khắc phục hậu quả", with no one to help and a duty of its own,
# is theirs)
# (the help verb itself, the class's shortest phrase: "phối hợp", not its "... chặt chẽ")
_COOPERATE = min(phrase_patterns("help_verbs"), key=lambda p: len(p[0]))[1]
_COOPERATES = re.compile(rf"\s*+,?\s*+(?:cung\s+)?(?:{_COOPERATE})\b"
                         r"(?!\s+tham gia\s+(?!cung\b|voi\b)[a-z])")
_CONCERNING = re.compile(r"[\s\-+•*]*d[a-z]{1,2}i v[a-z]{1,2}i\s+")
_ROLE_ASIDE = re.compile(r"\s*(?:\([^()\n]{1,60}\))?\s*")
_TOPIC_COMMA = re.compile(r"\s*,\s*")
# a topic's bodies said to have broken the rules, the sentence going on to deal with them
_HANDLES_OFFENDERS = re.compile(
    r"[^.;:]{0,120}?\b(?:vi pham|sai pham)\b[^.;:]{0,160}?\b(?:xu ly|xu phat|dinh chi)\b")
_ASIDE_FIRST = re.compile(r"\s*\([^()\n]{1,80}\)(?=\s)")
# a topic's figure after its colon, no task: "Đối với viên chức quản lý: 1.324 chỉ tiêu."
_A_FIGURE = re.compile(r"\s*[\d.,]+\s*(?:[^\W\d]+\s*){0,3}(?:[.;]|$)")
_TOPIC_LEAD = re.compile(r"[\s\-+•*]*v[a-z] (?:[^:;.\n]|\.(?=\S)){3,300}:\s*"
                         # (a long topic, its clauses parted by semicolons, whose colon ends
                         # its line: "1. Về kiến nghị hoàn thiện ...; rà soát ...; sớm trình
                         # ...:" / "Các Bộ, cơ quan liên quan ... nghiên cứu ...")
                         r"|[\s\-+•*]*v[a-z] (?:[^:.\n]|\.(?=\S)){3,800}:[ \t*_]*\n\s*")
# a topic the page wrapped, or whose clauses semicolons part, its colon inside a line
# ("5. Về điều chuyển số vốn dư ... của Quốc hội / cho tỉnh X: Ủy ban nhân dân tỉnh X rà
# soát ..."): a lead only where a body stands right after its colon (`_topic_before_a_body`)
_WRAPPED_TOPIC = re.compile(r"[\s\-+•*]*v[a-z] (?:[^:.\n]|\.(?=\S)"
                            r"|\n(?![ \t]*(?:\n|[-+•*]|\d{1,2}[.)]|[a-z]\)|\([ivx\d]{1,4}\))))"
                            r"{3,800}?:[ \t*_]*")
# a topic that is a proposal: "1. Về đề nghị ...", "2. Về kiến nghị ...", "Về việc đề nghị ..."
_A_PROPOSAL = re.compile(r"[\s\-+•*]*v[a-z] (?:viec )?(?:de nghi|kien nghi)\b")
# ("Trước ngày 15/6/2027, Sở Y tế ...", "Trong tháng 7/2027, ...": led by a word of time)
_DATE_LEAD = re.compile(
    rf"[\s\-+•*]*+(?:(?:{BEFORE}|ch[a-z]m nh[a-z]t|trong|den)?\s*(?:ng[a-z]{{0,2}}y\s+)?"
    r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s*[:–-]"
    rf"|(?:{BEFORE}|ch[a-z]m nh[a-z]t(?:\s+(?:la|vao))?|trong|den(?:\s+het)?)\s*"
    r"(?:ng[a-z]{0,2}y\s+\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{4})?|th[a-z]{1,3}ng\s+\d{1,2}[/.-]\d{4}"
    r"|qu[a-z]\s+[ivx1-4]{1,3}[/.-]\d{4}|n[a-z]{1,2}m\s+\d{4})\s*,"
    # ("Ngày 12/3/2026, các thôn hoàn thành ...": a plan's schedule, rule day-it-is-done)
    rf"|ng[a-z]{{0,2}}y\s+\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{4}})?\s*,(?={DONE_LATER}))\s*"
)
# After a sentence's subject: words that make it not the task's owner.
# (the request verbs are patterns.REQUEST's, with their OCR spellings: "B€ nghị")
# ("Các Ban Quản lý dự án được yêu cầu khẩn trương ...": a passive request names its
# object first, the owner)
_NOT_OWNER_AFTER = re.compile(
    # ("Sở X cũng đã gửi công văn yêu cầu ...": what it did, reported)
    # (or what it may do: "Các hộ gia đình có thể sử dụng ...", a permission, no charge)
    # ("Sở X đăng tải thông điệp ...": "đăng tải" folds as "đang" does, and is no report)
    rf"^\s*,?\s*(?:cung\s+)?(?:duoc(?!\s+(?:{p.REQUEST_VERB}))|da|vua|dang(?!\s+tai\b)|co\s+the"
    # (who attended, and what they heard there: "Các đại biểu dự hội nghị được nghe ...")
    r"|(?:tham\s+)?du\s+(?:hoi\s+nghi|cuoc\s+hop|hop|buoi\s+lam\s+viec)\s+(?:da\s+)?duoc\b"
    rf"|(?:(?:{_ADVERBS})\s+)*(?:co|ban hanh|ra)\s+(?:{tolerant('issuing_texts')})"
    rf"|(?:kinh\s+|tran trong\s+|(?:{_ADVERBS})\s+)*{p.REQUEST_VERB}"
    # ("UBND tỉnh có ý kiến (chỉ đạo) như sau:", "UBND tỉnh nhận được Công văn số ...": who
    # speaks, and what it answers)
    r"|co\s+y\s+kien(?:\s+chi\s+dao)?(?:\s+nhu\s+sau)?(?=\s*:)|co\s+y\s+kien\s+(?:chi\s+dao|nhu\s+sau)"
    # (not who receives and is charged: "Các sở nhận được văn bản này có trách nhiệm ...";
    # a petition received, "UBND tỉnh nhận đơn kiến nghị của ...", is what it answers)
    r"|(?:(?:van|chua|da|vua|moi|cung)\s+)*nh[a-z]{1,2}n\s+(?:d[a-z]{1,3}c|don(?!\s+vi\b))"
    rf"(?![^.;\n]{{0,160}}\b(?:{_LEAD}|phai|khan truong|can)\b)"
    # ("Chủ tịch UBND tỉnh quyết định lấy ngày ...": who decides, reported, is no owner;
    # "Tổ công tác gồm 15 thành viên": its make-up; "UBND tỉnh ban hành Quyết định số ...":
    # a numbered text it issued, reported)
    r"|quyet\s+dinh\s+(?!so\b|cua\b|nay\b)|(?:bao\s+)?gom\b"
    rf"|(?:(?:{_ADVERBS})\s+)*(?:ban\s+hanh|ky)\s+(?:{tolerant('text_kinds')})\s+so\b"
    # ("UBND huyện thông báo để các phòng ... biết": a notice hands out no task)
    r"|th[a-z]{1,2}ng\s+b[a-z]{1,2}o\s+(?:de|cho)\s"
    # ("Văn phòng UBND tỉnh truyền đạt / thông báo ý kiến của Phó Chủ tịch ...": an office
    # that conveys who asks, no owner)
    r"|(?:xin\s+)?(?:truyen\s+dat|th[a-z]{1,2}ng\s+b[a-z]{1,2}o)\s+(?:y\s+kien|chi\s+dao|noi\s+dung)"
    # ("Các cơ quan, đơn vị sau đây chịu trách nhiệm ...:": the items after it are charged)
    r"|(?:sau|duoi)\s+day"
    # ("- Bộ trưởng Bộ Nội vụ, Phó Trưởng ban thường trực;": a member of the team a decision
    # sets up, by the role after the comma, leads nothing unless the clause goes on to)
    rf"|(?:(?<=,)|(?<=, ))(?:{tolerant('appointed_roles')})\b"
    rf"(?![^.;\n]{{0,160}}\b(?:{_LEAD}|phai|khan truong|can)\b))\b")
# ("Phó Chủ tịch UBND tỉnh [name] làm Trưởng ban Chỉ đạo ...": a team's make-up)
# ("Sở X được UBND tỉnh giao chủ trì ...": who gave it, a few words, before the verb; a
# named body's task, where "các sở, ngành được UBND tỉnh giao tham mưu ..." describes a group)
_GIVEN_BY = re.compile(rf"\s*+,?\s*+duoc(?:\s+[^\W\d]+){{1,6}}?\s+(?:{p.REQUEST_VERB})")
_APPOINTED = re.compile(rf"\s*,?\s*lam\s+(?:{tolerant('appointed_roles')})")


@dataclass
class RawTask:
    id: str
    text: str
    start: int
    end: int
    owners: list[Found[str]] = field(default_factory=list)
    co_owners: list[Found[str]] = field(default_factory=list)
    deadline: DeadlineMatch | None = None
    parent: str | None = None


@dataclass
class _Context:
    text: str
    folded: str
    addressees: list[str]
    year: int | None = None
    paragraphs: bool = False  # each line a whole paragraph (typed text, a Word export)
    # the addressees are those a reported letter was sent to (`_reported_addressees`)
    reported: bool = False
    # where each request, letter sent or directive ends, in order (`_named_above`, made once)
    asks: list[int] | None = None
    # no number and no date: a news page's or a portal's copy, with its headline, lead and
    # photos' captions
    headerless: bool = False
    # the teams the document sets up, each mention named in full (`teams_named_in_full`)
    teams: list[Found[str]] = field(default_factory=list)
    # the owners each span names (`_span_owners`), by its place and the state names are read
    # from: the readers ask again for a fifth of the spans (a copy made by `replace`, whose
    # text differs, starts with none)
    owners_of: dict[tuple[int, int, str], list[Found[str]]] = field(
        default_factory=dict, init=False, repr=False)
    # the owners an item's heading names (`_heading_owners`), by the item as it stands (kept
    # with it) and the state: the walk asks again about each child of an item it introduces
    heads_of: dict[tuple[int, int, int, int, str], tuple[Node, list[Found[str]]]] = field(
        default_factory=dict, init=False, repr=False)


def body_lines(lines: list[Line], year: int | None = None) -> list[Line]:
    """Body lines without the closing paragraph ("Yêu cầu ... thực hiện./."); `year`, the
    document's, dates a day written without one ("... trước ngày 7/3 ...")."""
    blocks = blocks_of(lines)
    if len(blocks) > 1 or (blocks and len(blocks[0]) > 2):
        last = blocks[-1]
        starts_unmarked = marker_of(last[0]) is None
        closing = " ".join(ln.text for ln in last)
        if starts_unmarked and p.CLOSING.search(closing):
            cut = _closing_sentence_line(last, year)
            if len(blocks) == 1 and cut == last[0].index:
                return lines  # one paragraph, no blank line: no closing paragraph of its own
            kept = [ln for ln in lines if ln.index < cut]
            if _informs_to_act([ln for ln in lines if ln.index >= cut]):
                return lines
            # "Chủ tịch UBND huyện giao các cơ quan ... phân công lãnh đạo trực. Kịp thời
            # báo cáo ... để biết, chỉ đạo./.": a paragraph that hands out a task before its
            # closing sentence is no closing paragraph
            tail = _SENTENCE_END.split(" ".join(ln.folded for ln in lines if ln.index >= cut))
            if len(tail) > 1 and (_asks(" ".join(tail[:-1])) or _opens_with_a_body(
                    [ln for ln in lines if ln.index >= cut])):
                return lines
            # "Chủ tịch UBND tỉnh giao Văn phòng UBND tỉnh, Sở Nội vụ ... nghiên cứu, triển
            # khai thực hiện./.": a last paragraph that charges the bodies it names is the
            # letter's task, not its courtesy ("Đề nghị các đơn vị thực hiện./.")
            if cut == last[0].index and _asks_a_named_body(last):
                return lines
            # "**Điều 15. Trách nhiệm của các cơ quan, đơn vị, địa phương**" / "Các cơ quan,
            # đơn vị, địa phương có trách nhiệm thực hiện tốt Quy chế này. ... /.": a
            # regulation's last article of duties, no courtesy (rule a-closing-article-of-duties)
            if cut == last[0].index and len(blocks) > 1 and _DUTIES_TITLE.match(
                    " ".join(ln.folded for ln in blocks[-2])):
                return lines
            # "Sở Tài chính chủ trì, phối hợp ... góp ý dự thảo ...; báo cáo UBND tỉnh theo
            # đúng thời gian yêu cầu./.": a body named to lead is the letter's task
            if cut == last[0].index and _a_body_leads(last):
                return lines
            # "... Giao Sở Tài chính theo dõi, báo cáo trước ngày 15/12/2025./.": a closing
            # paragraph with a date of its own still hands out a task
            if cut == last[0].index and any(
                d.date for d in find_deadlines(" ".join(ln.folded for ln in last), year=year)
            ):
                return lines
            return kept
    return lines


_SENTENCE_END = re.compile(r"\.\s+(?=\S)")
# an article's title that says whose duties it lists: "**Điều 15. Trách nhiệm của ...**"
_DUTIES_TITLE = re.compile(r"[\s*_]*dieu\s+\d+\s*[.:]?[\s*_]*(?:trach nhiem|nhiem vu)\s+cua\b")


def _opens_with_a_body(block: list[Line]) -> bool:
    """Whether a paragraph's first sentence opens with a body of its own (after a
    connector): "Theo đó, UBND các huyện: A, B rà soát ... Với các trường hợp ...": it
    hands out a task, whatever its last sentence says."""
    return bool(_opening_body(block)[0])


def _a_body_leads(block: list[Line]) -> bool:
    """Whether a paragraph opens with a body of its own that it names to lead: "Sở Tài
    chính chủ trì, phối hợp với ..."."""
    found, folded = _opening_body(block)
    return bool(found) and _NAMED_TO_LEAD.match(folded, found[-1].end) is not None


def _opening_body(block: list[Line]) -> tuple[list[Found[str]], str]:
    """The bodies a paragraph's first sentence opens with (after a connector), none if
    they are everyone at large; and the paragraph folded."""
    text, folded = " ".join(ln.text for ln in block), " ".join(ln.folded for ln in block)
    connector = _CONNECTOR.match(folded)
    at = _skip_space(folded, connector.end() if connector else 0, len(folded))
    stop = _SENTENCE_END.search(folded, at)
    found = match_agency_list(text, folded, at, stop.start() if stop else len(folded))
    # (a list of places after its colon names the first at its place: "UBND các huyện: A")
    opens = bool(found) and (found[0].start <= at + 1 or (
        found[0].start - at <= 30 and ":" in folded[at : found[0].start]))
    return (found if opens and fold_ocr(found[0].value) not in _AT_LARGE else []), folded


_NAMED_TO_LEAD = re.compile(rf"[\s,]*(?:{_LEAD})\b")


def _informs_to_act(block: list[Line]) -> bool:
    """Whether a closing sentence tells a named body to act on the notice ("Sở X thông báo
    cho Công ty Y được biết và triển khai thực hiện./."): its task, no courtesy."""
    text, folded = " ".join(ln.text for ln in block), " ".join(ln.folded for ln in block)
    for m in _INFORMED.finditer(folded):
        if p.REQUEST.search(folded, 0, m.start()):
            continue  # (who is asked to inform others relays the notice)
        found = match_agency_list(text, folded, m.end(), len(folded))
        if found and _TO_ACT.match(folded, found[-1].end) and fold_ocr(
                found[0].value) not in _AT_LARGE:
            return True
    return False


def _asks_a_named_body(block: list[Line]) -> bool:
    """Whether a paragraph's request names whom it asks right after its verb ("giao Sở Nội
    vụ, Sở Tư pháp ..."), a body of its own: not everyone at large, nor a group ("Yêu cầu
    Thủ trưởng các sở, ban, ngành ... khẩn trương triển khai./." closes a letter)."""
    text, folded = " ".join(ln.text for ln in block), " ".join(ln.folded for ln in block)
    if _CARRY_OUT_THIS.search(folded):
        return False  # "... nghiêm túc triển khai thực hiện Kế hoạch này./.": a closing charge
    for m in p.REQUEST.finditer(folded):
        if _PROPOSAL.search(folded[max(0, m.start() - 6) : m.start()]):
            continue
        found = match_agency_list(text, folded, m.end(), len(folded))
        if found and found[0].start <= m.end() + 1:
            first = fold_ocr(found[0].value)
            # (kinds listed, "sở, ban, ngành tỉnh", are a group too)
            return first not in _AT_LARGE and not _A_GROUP.search(first) and "," not in first
    return False


_CARRY_OUT_THIS = re.compile(
    rf"\b(?:thuc hien|trien khai|thi hanh)\s+(?:\S+\s+){{0,3}}?(?:{_THIS_DOCUMENT}|{_THIS_TEXT})"
    r"\s+(?:nay|neu tren)\b")


def _closing_sentence_line(block: list[Line], year: int | None = None) -> int:
    """The line where the closing request starts: a block may first give a last dated
    task ("... báo cáo trước ngày 15/12/2024.") on lines of its own."""
    for k in range(len(block) - 1, 0, -1):
        if marker_of(block[k]) is not None:
            break  # "c) ... thực hiện./." is the last item, no closing request
        if block[k - 1].text.rstrip().endswith(".") and p.CLOSING.search(
            " ".join(ln.text for ln in block[k:])
        ):
            before = " ".join(ln.folded for ln in block[:k])
            # what comes first is kept when it gives a dated task, asks something of a body
            # ("... Đồng thời, đề nghị các cơ quan có biện pháp ...", then "Rất mong ...")
            # or holds items of its own (a page break's blank line may leave "Điều 1." ...
            # "Điều 4." in this block)
            if any(d.date for d in find_deadlines(before, year=year)) or _asks(before) or any(
                    marker_of(ln) is not None for ln in block[1:k]):
                return block[k].index
            break
    return block[0].index


# "Khoản 2 Điều 35 Nghị định số ... quy định: “2. Sau khi ... a) Yêu cầu hội ...”": a
# provision quoted, its quotation marks opened after a colon in a sentence that names the
# law's article or clause ("Căn cứ Khoản 1 Điều 21 Nghị định số ...: “...”")
_QUOTE_OPENS = re.compile(r":\s*(?:\n\s*)?[“\"]")
_A_PROVISION = re.compile(r"\b(?:khoan|dieu|diem)\s+\d+|\bquy dinh(?:\s+nhu sau)?\s*$")
_QUOTE_CLOSES = re.compile(r"[”\"]")


def _quoted_provisions(text: str, folded: str) -> list[tuple[int, int]]:
    """The spans of the provisions the text quotes, each from its opening quotation mark to
    its closing one, or to its line's end where the page lost that (an OCR's "`")."""
    spans = []
    for m in _QUOTE_OPENS.finditer(folded):
        sentence = folded[max(0, m.start() - 400) : m.start()]
        sentence = sentence[max(sentence.rfind(". "), sentence.rfind("\n\n")) + 1 :]
        if not _A_PROVISION.search(sentence):
            continue
        line_end = folded.find("\n", m.end())
        limit = line_end if line_end >= 0 else len(folded)
        close = _QUOTE_CLOSES.search(text, m.end(), m.end() + 3000)
        spans.append((m.end() - 1, close.end() if close is not None else limit))
    return spans


def _outside_quoted_provisions(tasks: list[RawTask], quoted: list[tuple[int, int]]
                               ) -> list[RawTask]:
    """Tasks without the bodies a quoted provision names: what a law charges them with is
    the law's, not this text's task; a task left with no body of its own is dropped."""
    if not quoted:
        return tasks
    def outside(found: list[Found[str]]) -> list[Found[str]]:
        return [f for f in found if not any(s <= f.start < e for s, e in quoted)]
    kept = []
    for task in tasks:
        owners = outside(task.owners)
        if task.owners and not owners:
            continue
        kept.append(replace(task, owners=owners, co_owners=outside(task.co_owners)))
    return kept


# "Xét đề nghị của ...", "theo đề nghị tại ...": whose proposal, not a request
_PROPOSAL = re.compile(r"(?:xet|theo|tai)\s+$|^(?:cua|tai)\b")


def _asks(folded: str) -> bool:
    """Whether a passage asks something of a body ("đề nghị các cơ quan có biện pháp")."""
    return any(not _PROPOSAL.search(folded[max(0, m.start() - 6) : m.start()])
               and not _PROPOSAL.search(folded[m.end() : m.end() + 4])
               for m in p.REQUEST.finditer(folded))


_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# a list's members named after a colon, wrapped after a comma onto a capitalised line: "Các
# Bộ: Công Thương, Tài chính, / Xây dựng, Y tế nghiên cứu ..." (the next line no item)
# (or cut inside a member's name: "Ủy ban nhân dân các tỉnh, thành phố: Tuyên / Quang, Đồng
# Nai, ...", a capitalised word at the line's end)
_LIST_AFTER_COLON = re.compile(r":[^.;:!?\n]*(?:,|[ \t](?P<word>\w+))$")
_ITEM_START = re.compile(r"(?:[IVXLC]+|[A-Z]|\d+)[.)]|[-–+•*]|(?:Điều|Chương|Mục|Phần)\s")


def _members_wrapped_on(text: str, end: int, after: int) -> bool:
    """A line break at [end, after) inside a list of members named after a colon."""
    line_start = text.rfind("\n", 0, end) + 1
    if after >= len(text) or not text[after].isupper() or _ITEM_START.match(text, after):
        return False
    m = _LIST_AFTER_COLON.search(text, line_start, end)
    return m is not None and (m["word"] is None or m["word"][:1].isupper())


def _line_breaks(text: str) -> list[tuple[int, int]]:
    """The spans of `_LINE_BREAK.finditer(text)`, found from each line break (the pattern
    opens with optional spaces: the engine tries it at every position of the text)."""
    spans: list[tuple[int, int]] = []
    done, size = 0, len(text)
    at = text.find("\n")
    while at != -1:
        start = at  # (the spaces and tabs before it, from where the last match ended)
        while start > done and text[start - 1] in " \t":
            start -= 1
        end = at + 1
        while end < size and text[end] in " \t":
            end += 1
        spans.append((start, end))
        done = end
        at = text.find("\n", end)
    return spans


def _soft_unwrapped(text: str, folded: str) -> tuple[str, str]:
    """The text and its folded view with each soft wrap a space: a line that ends inside a
    clause (no stop, no emphasis closing) and a next line that goes on in lower case ("...
    Giám đốc các Sở, Thủ / trưởng các ngành, ...", "..., Ban / quản lý Khu ..."): the name
    readers read a name across it. Offsets are kept; a line that starts with a capital, a
    number or a mark still starts something else."""
    spans = [(a, b) for a, b in _line_breaks(text)
             if a > 0 and b < len(text) and text[a - 1] not in ".;:!?*_ \t\n"
             and (text[b].islower() or _members_wrapped_on(text, a, b)
                  or name_runs_across(folded, a, b))]
    return _blanked(text, folded, spans)


def _blanked(text: str, folded: str, spans: list[tuple[int, int]]) -> tuple[str, str]:
    """The text and its folded view with each span spaces (offsets kept)."""
    if not spans:
        return text, folded
    # (joined from slices, not from a list of the whole text's characters: each of a
    # Vietnamese text's would be a string of its own)
    text_pieces: list[str] = []
    folded_pieces: list[str] = []
    done = 0
    for a, b in sorted(spans):
        a = max(a, done)
        if b <= a:
            continue
        text_pieces += (text[done:a], " " * (b - a))
        folded_pieces += (folded[done:a], " " * (b - a))
        done = b
    return "".join(text_pieces) + text[done:], "".join(folded_pieces) + folded[done:]


# An enumerator inside a paragraph, after a stop or a colon and before a capital: "đề nghị:
# (i) Tập đoàn X báo cáo ...; (ii) Chủ đầu tư hoàn thành ...", "(1) Giao Bộ Y tế ...".
# (`(?<=[.:;][ \t])[ \t]*\((?:[ivx]{1,4}|\d{1,2})\)[ \t]*(?=[A-Z...])`, found from its bracket,
# `_inline_marks`: the engine skips to each "(" instead of trying the lookbehind and the
# spaces at every position of the text)
_INLINE_MARK = re.compile(rf"\((?:[ivx]{{1,4}}|\d{{1,2}})\)[ \t]*(?=[{UPPER}])")


def _inline_marks(text: str) -> list[tuple[int, int]]:
    """The spans of the enumerators inside a paragraph: after a stop or a colon and a space
    or a tab, any more of them, and the bracket; the spaces after it, before a capital."""
    spans = []
    for m in _INLINE_MARK.finditer(text):
        run = m.start()  # (where the spaces before the bracket start)
        while run > 0 and text[run - 1] in " \t":
            run -= 1
        if 0 < run < m.start() and text[run - 1] in ".:;":
            spans.append((run + 1, m.end()))
    return spans


def _inline_marks_blanked(text: str, folded: str) -> tuple[str, str]:
    """The text and its folded view with each enumerator inside a paragraph a blank: each
    item's subject, or the body its "giao"/"đề nghị" names, is read past it. Offsets are
    kept."""
    return _blanked(text, folded, _inline_marks(text))


# The whole text as the task readers read it (`_read_as_a_whole`), for the last text read
# in each layout: a decision's body and the plan it issues are read apart, from one text.
_AS_A_WHOLE: dict[bool, tuple[str, str, tuple[str, str, tuple[Found[str], ...],
                                             list[tuple[int, int]]]]] = {}


def _read_as_a_whole(text: str, folded: str, paragraphs: bool
                     ) -> tuple[str, str, tuple[Found[str], ...], list[tuple[int, int]]]:
    """The text and its folded view as the task readers read them (a page's soft wraps
    spaces, unless its lines are `paragraphs`; enumerators inside a paragraph blanked), the
    teams it names in full and the provisions it quotes. Each is read from the whole text,
    so the second reading of a document (the plan a decision issues) is the first's."""
    kept = _AS_A_WHOLE.get(paragraphs)
    if kept is not None and kept[0] is text and kept[1] is folded:
        return kept[2]
    whole, whole_folded = (text, folded) if paragraphs else _soft_unwrapped(text, folded)
    whole, whole_folded = _inline_marks_blanked(whole, whole_folded)
    read = (whole, whole_folded, tuple(teams_named_in_full(whole, whole_folded)),
            _quoted_provisions(whole, whole_folded))
    _AS_A_WHOLE[paragraphs] = (text, folded, read)
    return read


def extract_tasks(
    lines: list[Line],
    text: str,
    folded: str,
    *,
    addressees: list[str],
    paragraphs: bool,
    year: int | None = None,
    headerless: bool = False,
) -> list[RawTask]:
    root = parse_outline(body_lines(join_soft_breaks(join_bare_markers(lines)), year),
                         paragraphs=paragraphs)
    if not root.children and root.lines:
        root = _paragraphs(root)
    _fold_labels(root, folded)
    reported = not addressees and bool(addressees := _reported_addressees(text, folded, lines))
    text, folded, teams, quoted = _read_as_a_whole(text, folded, paragraphs)
    context = _Context(text, folded, addressees, year, paragraphs, reported, headerless=headerless,
                       teams=list(teams))
    # "UBND tỉnh yêu cầu các sở, ban, ngành ... thực hiện:" names who owns the items below
    owners_of: dict[int, list[Found[str]]] = {
        id(root): tagged(_requested(root, context), "introduction-request")}
    # "Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các xã:" on a line of its own heads
    # the lettered items after it, which are its siblings in the outline
    intro_of: dict[int, list[Found[str]]] = {}
    due_of: dict[int, DeadlineMatch] = {}  # a date given to the bodies listed below
    if root.lines and (due := _due_for_those_below(context, root.start, root.end)):
        due_of[id(root)] = due
    tasks: list[RawTask] = []
    walked = list(root.walk())
    for node in walked:
        if node is root or (_in_non_task_section(node, folded)
                            and not _leads_among_aims(node, context)
                            and not _grounds_hand_over(node, context)):
            continue
        heading_owners = tagged(_heading_owners(node, context), "heading")
        own = [] if _level_alone(node, context) else heading_owners or _sentence_owners(
            node, context) or _of_the_task_before(node, owners_of, folded)
        if own and not heading_owners and _scopes_the_request(node, own, owners_of, context):
            own = []  # the introduction's bodies own it
        if own and all(o.rule == "request-object" for o in own) and _among_powers(node, folded):
            own = []  # "đề nghị các cơ quan có thẩm quyền ...": a power the body is given
        owners_of[id(node)] = own or intro_of.get(id(node.parent)) or _labelled_below(
            node, context) or _inherited(node, owners_of)
        if (
            node.kind == "para" and heading_owners and len(node.lines) == 1
            and folded[node.start : node.end].rstrip(" *_").endswith(":")
        ):
            intro_of[id(node.parent)] = heading_owners
        if node.kind == "para" and (due := _due_for_those_below(context, node.start, node.end)):
            due_of[id(node.parent)] = due
            continue
        if node.kind == "dash" and id(node.parent) in due_of:
            tasks += [t if t.deadline else replace(t, deadline=due_of[id(node.parent)])
                      for t in _tasks_of(node, node.start, owners_of[id(node)], context)]
            continue
        if own and node.kind in ("dash", "plus") and node.parent is not None and not (
            owners_of.get(id(node.parent))) and _LEAD_LABEL.search(folded, node.start, node.end):
            # "- Cơ quan chủ trì: X" speaks for the item it sits in, and so for its siblings
            owners_of[id(node.parent)] = own
        # (the heading's lines: one, or two where its name wrapped, `_name_wrapped_on`)
        below = [ln for ln in node.lines[1:] if ln.start >= heading_owners[-1].end] \
            if heading_owners else node.lines
        body_start = below[0].start if heading_owners and below else node.start
        if heading_owners and not below:
            continue
        # "- Hoàn thành ... trước ngày 31/12/2024, cụ thể:" heads its items and is a task;
        # "..., trong đó tập trung triển khai các nhiệm vụ cụ thể như sau:" introduces them
        # (a month it names is the schedule's, no date to complete by)
        due = find_deadlines(folded[node.start : node.end], year=context.year)
        introduces = (bool(node.children) or _items_follow(node, context)) and (
            not heading_owners) and bool(_INTRODUCES.search(folded, node.start, node.end))
        # ("1. Tập trung rà soát ... / a) Cục Thuế có trách nhiệm: ...": an item whose own
        # items name their bodies heads them; the introduction's group at large ("Chủ tịch
        # UBND tỉnh yêu cầu các cấp, các ngành ... sau đây:") owns no task of it)
        introduces = introduces or (not own and bool(node.children) and all(
            fold_ocr(o.value) in _AT_LARGE_GROUPS or o.value.startswith("Các ")
            for o in owners_of[id(node)]) and any(
            _heading_owners(child, context) or _sentence_owners(child, context)
            for child in node.children))
        if (
            _is_heading(node, folded) or _executes_only(node, folded)
            or introduces or _cut_execution_clause(node, context)
        ) and not any(d.date and (d.kind == "by" or not introduces) for d in due):
            continue
        owners = owners_of[id(node)]
        node, own_paragraphs = _split_group_paragraphs(node, context)
        if own_paragraphs and not heading_owners:
            # what is left of the item names its owners itself, or has its heading's
            owners = _sentence_owners(node, context) or intro_of.get(id(node.parent)) or \
                _inherited(node, owners_of)
        tasks += _tasks_of(node, body_start, owners, context)
        for paragraph, group in own_paragraphs:
            tasks += _tasks_of(paragraph, paragraph.start, group, context)
    # (a headline's tasks go before the request over items is taken for want of any)
    tasks = _summary_dropped(tasks, walked, context)
    tasks = _outside_quoted_provisions(tasks, quoted)
    tasks = _sent_to_quoted(tasks, context)
    if not tasks and owners_of[id(root)] and root.lines:
        # "... đề nghị các địa phương triển khai xây dựng Đề án ... như sau:" over items
        # that state only aims (or a page cut after them): the request is the task
        start, end = root.lines[0].start, root.lines[-1].end
        text = collapse_spaces(context.text[start:end])
        deadlines = [d for d in find_deadlines(context.folded[start:end], year=context.year)
                     if d.date is not None]
        tasks.append(RawTask("¶0", text, start, end, owners_of[id(root)], [],
                             _shift(deadlines[0], start) if len(deadlines) == 1 else None))
    tasks = _with_its_place(tasks)
    # "Ban Chỉ huy X các huyện" asked, its members named in the "Kính gửi": each of them
    return [replace(t, owners=_unique([m for o in t.owners
                                       for m in _members_named_before(o, context.addressees)]))
            for t in tasks]


# what a body's name ends with when the text says where it is: "... thành phố Thủ Đức"
_ITS_PLACE = re.compile(rf" (?:{p.LEVEL})\.? ?\S")


def _with_its_place(tasks: list[RawTask]) -> list[RawTask]:
    """A body the text names with its place once ("Phòng GD-ĐT TP.Thủ Đức") and elsewhere
    without it ("đề nghị Phòng GD-ĐT và các ngành liên quan ...") is the one body: the short
    mentions take the name with its place, where the text gives exactly one."""
    names = {o.value for t in tasks for o in t.owners}
    placed = {}
    for short in names:
        if short.startswith("Các "):
            continue  # a group is no one body
        longer = [n for n in names if n.startswith(short + " ") and _ITS_PLACE.match(
            fold_ocr(n[len(short) :])) and n[len(short) :].strip()[-1:].isalpha()
            and any(w[:1].isupper() for w in n[len(short) :].split()[1:])]
        if len(longer) == 1:
            placed[short] = longer[0]
    if not placed:
        return tasks
    return [replace(t, owners=_unique([replace(o, value=placed.get(o.value, o.value))
                                       for o in t.owners])) for t in tasks]


# A news page's headline or lead sums up what its later paragraphs detail: `_summary_dropped`
# decides both, with these patterns.
# the national motto a page may keep over its headline (the headline comes after it)
_MOTTO_PARAGRAPH = re.compile(
    r"\W*cong hoa xa hoi chu nghia viet nam\W*doc lap\W+tu do\W+hanh phuc\W*$")
# the day a news report opens with: "Ngày 23-6, ...", "Sáng 14.11, ...", "Chiều qua 30.10, ..."
_REPORT_OPENS = re.compile(
    r"\s*(?:\([^()\n]{1,20}\)\s*[-–]\s*)?(?:ng[a-z]{0,2}y|s[a-z]ng|chi[a-z]{1,2}u|t[a-z]i|tr[a-z]a)"
    # (the month written out: "Ngày 15 tháng 7 năm 2026, ...")
    r"(?:\s+(?:qua|nay))?\s+\d{1,2}\s*(?:[-/.]|\s+th[a-z]{1,2}ng\s+)\s*\d{1,2}")
# "Theo đó, ..." (an OCR's "Theo dé,"; "theo dõi" is no connector)
_DETAILS = re.compile(r"[\s\-+•*]*theo\s+d[a-z]\s*,")


def _summary_dropped(tasks: list[RawTask], walked: list[Node], context: _Context
                     ) -> list[RawTask]:
    """A news page's headline or lead sums up what its later paragraphs detail: it is no
    task of its own.
    - The headline, the text's first paragraph (after the motto, where the page keeps it):
      one short line with no closing stop, the report under it opening with the day ("Hội
      Nông dân tỉnh tổ chức Hội nghị ... / Ngày 23-6, Hội Nông dân tỉnh đã tổ chức ...").
      It charges no one, whatever it names.
    - In a headerless text with no addressees to stand for, the first owned task, when it
      is the text's first line or a lead that a "Theo đó, ..." details after it ("Sở Y tế
      yêu cầu các đơn vị khẩn trương rà soát ..." / "Theo đó, Trung tâm Y tế các huyện
      ..."): its bodies at large stand for those the details name, or the details name its
      bodies again; a dated one is kept."""
    if headline := _headline(walked, context.folded):
        tasks = [t for t in tasks if not headline.start <= t.start < headline.end]
    owned = [t for t in tasks if t.owners]  # (a headline that names no one goes before)
    if context.addressees or not context.headerless or len(owned) < 2:
        return tasks
    first = min(owned, key=lambda t: t.start)
    # the text's first line (a headline over no dated report), or a lead that a "Theo đó,
    # ..." details after it
    opens_text = not context.folded[: first.start].strip()
    if not opens_text and (_DETAILS.match(context.folded, first.start) or not any(
            _DETAILS.match(context.folded, t.start) for t in owned if t.start > first.start)):
        return tasks
    if first.deadline and first.deadline.date:
        return tasks
    if opens_text and _named_again(first, [t for t in owned if t.start > first.start]):
        # "Chủ tịch UBND tỉnh yêu cầu Cục trưởng Cục Thống kê tỉnh triển khai ..." over
        # "... Giao Cục Thống kê tham mưu ...": the headline's body is the one the details
        # charge, named once
        return [t for t in tasks if t is not first]
    if any(fold_ocr(o.value) not in _ANYONE | _GENERIC for o in first.owners):
        return tasks
    named = any(t.start > first.start and any(fold_ocr(o.value) not in _SENT_AT_LARGE
                                              for o in t.owners) for t in tasks)
    return [t for t in tasks if t is not first] if named else tasks


# "Công văn nêu rõ: ...", "Văn bản nêu rõ ...": a page quotes the text it reported being
# sent (a "Theo đó, ..." details it the same)
_QUOTES_THE_TEXT = re.compile(
    rf"[\s\-+•*]*(?:(?:{tolerant('text_kinds')})\s+(?:neu ro|nhan manh)\b|theo do\s*,)")


def _sent_to_quoted(tasks: list[RawTask], context: _Context) -> list[RawTask]:
    """A paragraph that reports a text being sent ("Ngày 6/5, UBND tỉnh đã có văn bản số
    ... gửi các sở, ban, ngành; UBND các huyện về việc ...") names its recipients, as a
    "Kính gửi" does; where the page then quotes the text ("Công văn nêu rõ: ... UBND tỉnh
    yêu cầu Giám đốc các Sở ... triển khai ...") and its request names whom it asks, those
    own the task and the recipients none of their own (a dated report keeps its date)."""
    for i, task in enumerate(tasks):
        if not task.owners or any(o.rule != "sent-to" for o in task.owners) or (
                task.deadline is not None and task.deadline.date):
            continue
        if any(_QUOTES_THE_TEXT.match(context.folded, later.start) and any(
                o.rule == "request-object" for o in later.owners) for later in tasks[i + 1 :]):
            return [t for t in tasks if t is not task]
    return tasks


def _headline(walked: list[Node], folded: str) -> Node | None:
    """The page's headline, if its first paragraph is one (`_summary_dropped`)."""
    at = 2 if len(walked) > 2 and _MOTTO_PARAGRAPH.match(
        folded, walked[1].start, walked[1].end) else 1
    if len(walked) <= at + 1:
        return None
    node, after = walked[at], walked[at + 1]
    if node.kind != "para" or len(node.lines) != 1 or after.kind != "para":
        return None
    line = folded[node.start : node.end].strip()
    if len(line.split()) > 25 or line.endswith((".", ";", ":", "!")):
        return None
    return node if _REPORT_OPENS.match(folded, after.start, after.end) else None


def _named_again(first: RawTask, later: list[RawTask]) -> bool:
    """Whether every body `first` names is named by a later task too, as written or with
    its place or level said or left out ("Cục Thống kê tỉnh" / "Cục Thống kê")."""
    names = [fold_ocr(o.value) for t in later for o in t.owners]
    return bool(first.owners) and all(
        any(n == o or n.startswith(o + " ") or o.startswith(n + " ") for n in names)
        for o in (fold_ocr(x.value) for x in first.owners))


# "Thời hạn kiểm tra: đến hết ngày 31/12/2026.", "Thời gian hoàn thành: ..." on a paragraph
# of its own: the time of the task before, not a task of no one's
# (and the report it asks for, sent in by a day: "Báo cáo gửi về Cục X trước ngày 7/3 ...")
_TIME_OPENS = re.compile(r"[\s\-+•*]*(?:th[a-z]{1,2}i\s+(?:h[a-z]n|gian)|h[a-z]n\s+ch[a-z]t"
                         r"|bao\s+cao\s+(?:ket\s+qua\s+)?gui\s+(?:ve|den)(?=[^.;\n]{0,120}"
                         r"\b(?:truoc|cham\s+nhat)\s+ngay\b))\b")


def _time_said_apart(context: _Context, start: int, deadline: DeadlineMatch) -> bool:
    """Whether the date stands in a sentence or line of its own that only gives the time
    ("Thời gian hoàn tất: trước ngày ...", "Thời hạn: ..."), rule time-of-the-step."""
    opens = [m.end() for m in _SENTENCE_OR_LINE.finditer(context.text, start, deadline.start)]
    return bool(_TIME_OPENS.match(context.folded, opens[-1] if opens else start))


def _of_the_task_before(node: Node, owners_of: dict[int, list[Found[str]]], folded: str
                        ) -> list[Found[str]]:
    """The owners of the paragraph before one that only gives its time."""
    if node.kind != "para" or node.parent is None or not _TIME_OPENS.match(folded, node.start):
        return []
    siblings = node.parent.children
    k = siblings.index(node)
    return owners_of.get(id(siblings[k - 1]), []) if k else []


def _split_group_paragraphs(
    node: Node, context: _Context
) -> tuple[Node, list[tuple[Node, list[Found[str]]]]]:
    """Later paragraphs of an item that open with a body of their own are that body's
    tasks, not the item's: "4. Phòng Kế hoạch - Tài chính ... / (blank line) / Các cơ
    quan, đơn vị báo cáo ..."; in typed text each line is a paragraph ("1. Công tác triển
    khai / Các sở, ban, ngành ... có trách nhiệm ... / Sở Nội vụ có trách nhiệm ...").
    """
    cuts: list[tuple[int, list[Found[str]]]] = []
    for k in range(1, len(node.lines)):
        after_blank = node.lines[k].index > node.lines[k - 1].index + 1
        if not (after_blank or context.paragraphs):
            continue
        line = node.lines[k]
        if _is_notice(context.folded, line.start, line.end):
            continue  # an office's closing notice opens with the office, no task of its own
        opens_at = line.start + len(line.text) - len(line.text.lstrip())
        subject = _honoured_subject(context, opens_at, node.end) or match_agency_list(
            context.text, context.folded, line.start, node.end,
            named_here=_named_above(context, line.start, node.end))
        if not subject or subject[0].start > opens_at:
            continue
        # "Lãnh đạo UBND thành phố giao các sở, ngành ...": who asks opens the paragraph,
        # whom it asks is its body
        asks = p.REQUEST.match(context.folded, _skip_space(context.folded, subject[-1].end,
                                                           line.end))
        if asks:
            subject = match_agency_list(context.text, context.folded, asks.end(), line.end,
                                        named_here=context.addressees)
            if not subject:
                continue
        subject = [*subject, *_asked_on(context, subject, line.end)]
        if context.paragraphs:
            rest = context.folded[subject[-1].end : line.end]
            if _NOT_OWNER_AFTER.match(rest[:20]) or _EXECUTION_CLAUSE.search(rest):
                continue
            if context.headerless and _CAPTION_LINE.fullmatch(line.text) and rest.split():
                continue  # "Các đại biểu tham gia ý kiến tại cuộc họp": a photo's caption
            # (who hands a task over by "chỉ đạo" owns none of it)
            directed = _DIRECTED_AFTER.match(rest)
            verb = directed and _DIRECTING.search(context.folded, subject[-1].end,
                                                  subject[-1].end + directed.end())
            if verb and _directs(context, line.start, verb.start()):
                continue
            cuts.append((k, subject))
            continue
        is_group = subject[0].value.startswith("Các") or " các " in subject[0].value
        if is_group and any(d.date for d in find_deadlines(
                context.folded[line.start : node.end], year=context.year)):
            cuts.append((k, subject))
            break
    if not cuts:
        return node, []
    head = Node(node.kind, node.label, node.lines[: cuts[0][0]], node.marker_end,
                parent=node.parent, id=node.id)
    bounds = [k for k, _ in cuts] + [len(node.lines)]
    paragraphs = [
        (Node("para", "", node.lines[k:end], 0, parent=node.parent, id=f"{node.id}¶{k}"),
         tagged(subject, "paragraph-subject"))
        for (k, subject), end in zip(cuts, bounds[1:], strict=True)]
    return head, paragraphs


# a short line with a verb and no stop at its end, between paragraphs: a photo's caption
# on a news page ("Các đại biểu tham gia ý kiến tại cuộc họp"), no paragraph of a body's
_CAPTION_LINE = re.compile(r"\s*(?:\S+\s+){2,11}[^\s.;:!?,)\]…]+\s*")


def _a_caption(context: _Context, at: int, end: int) -> bool:
    """Whether the line from `at` is a caption (`_CAPTION_LINE`) that a paragraph of its own
    follows inside the span: typed text, whose every line is a paragraph."""
    line_end = context.text.find("\n", at, end)
    return context.headerless and context.paragraphs and line_end != -1 and (
        at == 0 or context.text[at - 1] == "\n") \
        and bool(_CAPTION_LINE.fullmatch(context.text, at, line_end))


def _asked_on(context: _Context, named: list[Found[str]], end: int) -> list[Found[str]]:
    """Bodies the same request goes on to after those `named`, in a politer verb: "Thủ
    trưởng các cơ quan thuộc UBND huyện và đề nghị các cơ quan của tỉnh đóng trên địa bàn
    huyện thực hiện ..." (those outside the asker's hierarchy are asked, not told)."""
    on = _ASKS_ON.match(context.folded, named[-1].end, end)
    verb = on and p.REQUEST.match(context.folded, on.end(), end)
    if not verb:
        return []
    return match_agency_list(context.text, context.folded, verb.end(), end,
                             named_here=_named_above(context, verb.end(), end))


def _those_it_was_sent_to(context: _Context, named: list[Found[str]]) -> list[Found[str]]:
    """ "Theo đó, UBND tỉnh yêu cầu các đơn vị, địa phương ...", "Theo đó, yêu cầu các đơn
    vị, trường học ...": everyone at large asked stands for those the letter the text
    reports was sent to."""
    # (sent to no one named, they stay as the text says them)
    if context.reported and context.addressees and len(named) == 1 and fold_ocr(
            named[0].value) in _ANYONE:
        return [Found(name, named[0].start, named[0].end, named[0].raw, 0.9)
                for name in context.addressees]
    if not context.reported and len(named) == 1 and fold_ocr(named[0].value) in \
            _LOCALITIES_AT_LARGE and (councils := [a for a in context.addressees
                                                   if _COUNCIL.match(fold_ocr(a))]):
        # a letter to "UBND các tỉnh, thành phố ..." that asks "các địa phương" asks them
        return [Found(name, named[0].start, named[0].end, named[0].raw, 0.9)
                for name in councils]
    if len(named) == 1 and len(context.addressees) == 1 and fold_ocr(
            named[0].value) in _FIRM_AT_LARGE and _FIRM.match(fold_ocr(context.addressees[0])):
        # an answer to one company that asks "doanh nghiệp" to act asks that company
        return [Found(context.addressees[0], named[0].start, named[0].end, named[0].raw, 0.9)]
    return named


_COUNCIL = re.compile(r"(?:uy ban nhan dan|ubnd)\b")
# a business by its head: "Công ty TNHH X", "Tổng Công ty Y - CTCP", "Doanh nghiệp tư nhân Z"
_FIRM = re.compile(rf"(?:{tolerant('firm_heads')})\s+\S")


def _reported_bodies(text: str, folded: str, pattern: re.Pattern[str], start: int, end: int,
                     *, duties: bool = False) -> Iterator[list[Found[str]]]:
    """The bodies each letter the text reports (`pattern`) was sent to, named (not those at
    large); a letter it cites to act on aside, and with `duties` one a task's own clause sends
    (after a comma: the charged body's report to those it names)."""
    for m in pattern.finditer(folded, start, end):
        if duties and _ONE_OF_DUTIES.fullmatch(
                folded, _clause_start(folded, start, m.start(), ",;"), m.start()):
            continue  # "X khẩn trương hoàn thành ..., có văn bản gửi Bộ Y ...": X's report to Y
        if not _CITED.match(folded, _clause_start(folded, start, m.start(), ".;:\n"), m.start()):
            yield [a for a in match_agency_list(text, folded, m.end(), end)
                   if fold_ocr(a.value) not in _SENT_AT_LARGE]


def _reported_addressees(text: str, folded: str, lines: list[Line]) -> list[str]:
    """Whom the first letter the text reports was sent to or directs (`_REPORTED_TO`)."""
    if not lines:
        return []
    for pattern in (_REPORTED_TO, _REPORTED_REQUEST):
        bodies = _reported_bodies(text, folded, pattern, lines[0].start, lines[-1].end)
        if named := next(([a.value for a in named] for named in bodies if named), []):
            return named
    return []


def _requested(root: Node, context: _Context) -> list[Found[str]]:
    """The bodies the introduction asks to carry out what follows, if it names them."""
    if not root.lines:
        return []
    start, end = root.lines[0].start, root.lines[-1].end
    last = root.lines[-1]
    if (duty := _RESPONSIBLE_FOR_BELOW.search(context.folded, last.start, last.end)) and (
            found := match_agency_list(context.text, context.folded, last.start, duty.start(),
                                       named_here=context.addressees)):
        # "Giám đốc Sở X có trách nhiệm:" right over the items ("- Phối hợp với Y ...", "-
        # Tăng cường ..."): its body owns them, whatever a paragraph before reports having
        # asked of others ("... đã có Công văn ... đề nghị Y ...")
        return found
    requests = list(p.REQUEST.finditer(context.folded, start, end))
    if not requests:
        return []
    found = match_agency_list(context.text, context.folded, requests[-1].end(), end,
                              named_here=context.addressees) or _honoured_object(
        context, _skip_space(context.folded, requests[-1].end(), end), end)
    if found and _CLOSING_CHARGE.match(context.folded, found[-1].end, end):
        return []  # "Yêu cầu các ngành, địa phương thực hiện nghiêm chỉ đạo này./."
    if found:
        # "... yêu cầu các phòng, đơn vị; UBND các xã, thị trấn khẩn trương thực hiện các nội
        # dung sau:": the list goes on after its semicolons, as a sentence's request does
        found += _asked_after_semicolons(context, found[-1].end, end)
    if "," in context.folded[start : requests[-1].start()]:
        # after a purpose ("Để đẩy nhanh ..., UBND tỉnh yêu cầu các sở, ban, ngành, địa
        # phương và Nhà đầu tư ..."), everyone at large owns nothing the named ones do
        named = [a for a in found if fold_ocr(a.value) not in _AT_LARGE]
        found = named or found
    if len(found) == 1 and context.addressees and fold_ocr(found[0].value) in (
            _ANYONE if context.reported else _ANYONE | _LOCALITIES_AT_LARGE):
        # a letter "đề nghị các cơ quan, đơn vị, địa phương ...": those it is addressed to
        # (its "Kính gửi" names the localities it asks)
        return [Found(name, found[0].start, found[0].end, found[0].raw, 0.9)
                for name in context.addressees]
    return found


def _folded_class(name: str) -> frozenset[str]:
    return frozenset(" ".join(words) for words in phrases(name))


_ANYONE = _folded_class("anyone_at_all")
_GENERIC = _folded_class("generic_bodies")
_AT_LARGE = _ANYONE | _GENERIC | _folded_class("bodies_at_large")
_LOCALITIES_AT_LARGE = _folded_class("localities_at_large")
_FIRM_AT_LARGE = _folded_class("firm_at_large")
_SENT_AT_LARGE = _AT_LARGE | _LOCALITIES_AT_LARGE
_AT_LARGE_GROUPS = _SENT_AT_LARGE | _folded_class("groups_at_large")


def _paragraphs(root: Node) -> Node:
    """A letter with no numbered items: each paragraph but the introductory one is a task."""
    blocks: list[list[Line]] = [[]]
    previous = None
    for line in root.lines:
        if previous is not None and line.index > previous.index + 1:
            blocks.append([])
        blocks[-1].append(line)
        previous = line
    paragraphs = Node("root", "", [])
    for block in blocks:
        # "... như sau:" introduces, it assigns nothing (the last, with nothing after it to
        # introduce, asks what it says: a passage that ends "... một số nhiệm vụ:")
        if block[-1].text.rstrip(" *").endswith(":") and block is not blocks[-1]:
            paragraphs.lines += block
            continue
        node = Node("para", "", block, 0, parent=paragraphs)
        node.id = f"¶{len(paragraphs.children) + 1}"
        paragraphs.children.append(node)
    return paragraphs


# A meeting's logistics list who attends and where ("II. Địa điểm: ... / - Lãnh đạo các Bộ:
# ..."; "Thành phần tham dự"): those named attend, they are given no task.
_ATTENDANCE = re.compile(r"^\s*(?:[a-z0-9]{1,4}\s*[.)]\s*)?(?:thanh phan|dia diem|du tai)\b")


# "Văn phòng Chính phủ xin thông báo để các cơ quan biết, thực hiện./.": an office's letter
# passing on its head's words says to whom; the words are the tasks
_NOTICE = re.compile(r"th[a-z]{1,2}ng\s+b[a-z]{1,2}o\s+(?:de|cho)\s")  # OCR: "thdng bäo"
_OFFICE = re.compile(r"van\s+ph[a-z]{1,3}ng\b")


def _is_notice(folded: str, start: int, end: int) -> bool:
    """Whether folded[start:end] is one sentence passing a letter on (`_NOTICE`): an office
    notifies, for them to know and do."""
    m = _NOTICE.search(folded, start, min(end, start + 80))
    office = folded[start : m.start()].lstrip(" -+*\n") if m else ""
    if not _OFFICE.match(office) or re.search(r"[.;:]", office):
        return False  # ("Giao Sở Y tế thông báo cho các cơ sở biết" is a task)
    rest = folded[m.end() : end].rstrip(" ./\n")
    return not re.search(r"[.;]", rest) and rest.endswith(("biet", "thuc hien", "trien khai"))


# a photo's caption on a news page: "Long An yêu cầu các đơn vị báo cáo (Ảnh minh họa)."
_CAPTION = re.compile(r"\(\s*(?:anh|nguon anh)\s*(?:minh hoa|:[^()\n]{0,60})\s*\)[\s.]*$")
# a petition quoted before its answer: "Trả lời đề nghị của ông X ...: Đề nghị UBND tỉnh ..."
_PETITION = re.compile(
    rf"[\s\-+•*\d.)]*(?:tra loi\s+)?(?:{tolerant('petition_nouns')})\s+cua\s+(?:cac\s+)?"
    rf"(?:{tolerant('petitioners')})")
_ANSWER = re.compile(r"\btra loi\s*:")
# A quota the line allots, as the last clause of an item ("- Ban Chỉ đạo bầu cử: Không quá 05
# cá nhân;", "- Đoàn kiểm tra: Mỗi đoàn xét chọn 01 cá nhân/01 đoàn;", "... mỗi đơn vị đề
# nghị không quá 01 tập thể, 03 cá nhân;"): how many are chosen, no duty (rule
# a-quota-is-no-task)
# (searched over every item's span, the whole pattern tried at each place: a match ends with
# a count and its nouns, which few items end with, and a search for those, which skips to
# the digits, says so first: `needing`)
_QUOTA_COUNT = rf"\d+\s*(?:{tolerant('quota_nouns')})[^:;.\n]*[;.]?\s*$"
_QUOTA = needing(re.compile(
    rf"(?:^|[:;]\s*|\b(?:{tolerant('each_words')})\s+\S+(?:\s+\S+)?\s+(?={tolerant('choosing_verbs')}))"
    rf"(?:(?:{tolerant('choosing_verbs')})\s+)?(?:(?:{tolerant('quota_caps')})\s+)?"
    rf"(?:{_QUOTA_COUNT})"), part=_QUOTA_COUNT)

# A rate a spending norm sets, as an item's last clause ("- Chủ trì cuộc họp: 500.000
# đồng/người/buổi;"): an amount in thousands and what it is per, a price, no duty (rule
# a-rate-is-no-task); the currency's word as an OCR spells it, so any word
_RATE = re.compile(r":\s*\d{1,3}(?:[.,]\d{3})+\s*\S+(?:\s*/\s*[^\s/;.]+)+[^:;\n]*[;.]?\s*$")


# whom a body sends to a meeting, after its label ("4.4. UBND cấp xã: Thành phần dự hội nghị
# gồm Ban lãnh đạo UBND và ..."): who attends, no duty (rule a-composition-is-no-task); one
# with a date of its own is a meeting to hold ("Tổ chức hội nghị: Thành phần gồm ..., trước ngày")
_COMPOSITION = re.compile(r"[^:\n]{1,80}:\s*thanh phan\b[^.;:\n]{0,40}?\bgom\b")


def _in_non_task_section(node: Node, folded: str) -> bool:
    if not node.children and (
        _is_notice(folded, node.start, node.end)
        or _CAPTION.search(folded, node.start, node.end)
        or _QUOTA.search(folded[node.start : node.end])
        or _RATE.search(folded, node.start, node.end)
        or (_COMPOSITION.match(folded, node.start, node.end) and not any(
            d.date for d in find_deadlines(folded[node.start : node.end])))
        or (_PETITION.match(folded, node.start, node.end)
            and not _ANSWER.search(folded, node.start, node.end))
    ):
        return True
    item = node
    while node.parent is not None and node.parent.kind != "root":
        node = node.parent
        if node.lines and _ATTENDANCE.match(folded[node.start : node.lines[0].end]):
            # "- UBND các tỉnh chịu trách nhiệm kết nối đường truyền" among those who attend
            return not _LEAD_HERE.search(folded, item.start, item.end)
        if _aims(node, folded):  # "I. MỤC TIÊU, NHIỆM VỤ / 1. ... / a) Mục tiêu"
            return True
        if node.lines and _PROHIBITED.match(folded, node.start, node.lines[0].end):
            return True  # "Điều 8. Những việc không được làm ...": acts forbidden, no tasks
        if _applies_to(node, folded):
            return True
    return _aims(node, folded) or _applies_to(item, folded)


# a regulation's article of whom it applies to ("Điều 2. Đối tượng áp dụng / 1. Sở X. / 2. Các
# cơ quan, tổ chức có liên quan đến ..."): its items name the bodies the text binds, no duty
# (rule whom-a-text-applies-to-is-no-task)
_APPLIES_TO = re.compile(
    r"[\s*_]*(?:pham vi dieu chinh\s*(?:,|va)\s*)?doi tuong ap dung[\s*_.:]*$")


def _applies_to(node: Node, folded: str) -> bool:
    """Whether `node` is an article titled by whom the text applies to."""
    return (node.kind == "article" and bool(node.lines)
            and _APPLIES_TO.match(folded[node.start : node.lines[0].end]) is not None)


# a code's section of forbidden acts, whose items' "yêu cầu tổ chức, cá nhân ..." ask no one
_PROHIBITED = re.compile(
    r"[\s*_]*(?:nhung|cac)\s+(?:viec|hanh vi)\s+(?:khong duoc lam|bi\s+(?:nghiem\s+)?cam)\b")


def _leads_among_aims(node: Node, context: _Context) -> bool:
    """Whether an item of a plan's aims opens with the body that leads them ("1.2. Các chỉ
    tiêu cụ thể / - Văn phòng - Thống kê xã chủ trì tham mưu: / - 100% ..."): the targets
    are its task, though aims hand out none by themselves."""
    if not node.lines or node.kind not in ("dash", "plus", "para"):
        return False
    line_end = node.lines[0].end
    body = match_agency(context.text, context.folded, node.start, line_end)
    return body is not None and not context.folded[node.start : body.start].strip(" -–+*\n") \
        and bool(_LEADS.match(context.folded, body.end, line_end))


def _grounds_hand_over(node: Node, context: _Context) -> bool:
    """Whether an item read as a section of grounds hands a task over in its own lines
    ("2. Căn cứ quy định tại khoản 4 Điều 14 Nghị định số ...; giao Sở X rà soát ..."): a
    sentence that opens with its grounds, no section of them (rule
    grounds-that-hand-over-are-a-task)."""
    if not node.lines or not _aims(node, context.folded):
        return False
    end = node.lines[-1].end
    at = node.start
    if _REQUESTS_TITLE.match(context.folded, at, node.lines[0].end):
        at = node.lines[0].end  # "2. Yêu cầu" over its lines: the title, no request
    while (request := p.REQUEST.search(context.folded, at, end)) is not None:
        if match_agency(context.text, context.folded, request.end(), end) is not None:
            return True
        at = request.end()
    return False


# the article or part of a regulation that lists a body's duties and powers: "Điều 2.
# Nhiệm vụ, quyền hạn", "II. NHIỆM VỤ VÀ QUYỀN HẠN"
_POWERS_TITLE = re.compile(r"[\s*_]*nhiem vu\s*(?:,|va)\s*quyen han\b")


def _among_powers(node: Node, folded: str) -> bool:
    """Whether `node` is an item of a body's duties and powers, where whom it may ask ("đề
    nghị các cơ quan có thẩm quyền xử lý ...", "yêu cầu cơ quan có thẩm quyền thông tin ...")
    is the body's power, no task the document gives them."""
    up = node.parent
    while up is not None and up.lines:
        if up.kind in ("article", "roman", "decimal") and _POWERS_TITLE.match(
                folded, up.start, up.lines[0].end):
            return True
        up = up.parent
    return False


def _aims(node: Node, folded: str) -> bool:
    """Whether `node` is a section of aims or grounds ("I. Mục đích, yêu cầu")."""
    if node.kind not in ("roman", "decimal", "letter", "article") or not node.lines:
        return False
    headline = folded[node.start : node.lines[0].end]
    # a title on a line of its own ("I. Đánh giá chung"), not "1. Yêu cầu các sở ..."
    titled = len(node.lines) > 1 and len(headline.split()) <= 6
    if not ((node.children or titled) and _NON_TASK_SECTION.match(headline)):
        return False
    # "Yêu cầu" alone is a plan's requirements after its aims ("1. Mục đích / 2. Yêu cầu"),
    # and an inspection notice's requests of whom it inspected ("2. Yêu cầu / 2.1. Đối với
    # Công ty X: ...") where no aims come before it
    return not _REQUESTS_TITLE.match(headline) or _after_aims(node, folded)


_REQUESTS_TITLE = re.compile(r"\s*yeu cau\s*[.:]?\s*$")
_AIMS_TITLE = re.compile(r"\s*(?:muc dich|muc tieu|quan diem)\b")


def _after_aims(node: Node, folded: str) -> bool:
    """Whether a section of aims comes before `node` among its siblings."""
    siblings = node.parent.children if node.parent is not None else []
    return any(_AIMS_TITLE.match(folded[s.start : s.lines[0].end])
               for s in siblings[: siblings.index(node)] if s.lines) if node in siblings else True


def _is_heading(node: Node, folded: str) -> bool:
    """A title over sub-items ("II. NHIỆM VỤ, GIẢI PHÁP", "1. Nhiệm vụ chung") is no task."""
    if not node.children:
        return False
    own = own_text(node)
    if is_upper_text(own):
        return True
    return len(node.lines) <= 2 and len(own) < 160 and not own.rstrip(" *").endswith((".", ";"))


def _scopes_the_request(node: Node, own: list[Found[str]],
                        owners_of: dict[int, list[Found[str]]], context: _Context) -> bool:
    """Whether an item's topic that names a group ("a) Đối với các cơ sở giáo dục công lập:
    Thực hiện theo Nghị quyết ...") says which case of an introduction's request it is about
    ("Sở đề nghị UBND các quận, huyện và các cơ sở giáo dục trực thuộc Sở thực hiện ... như
    sau:"): the bodies the introduction asks own it. (A body the topic names by its name,
    "Đối với Công ty X: ...", is asked itself.)"""
    concerning = _CONCERNING.match(context.folded, node.start, node.end)
    if concerning is None or not all(o.value.startswith("Các ") for o in own) or any(
            o.start > concerning.end() + 1 for o in own[:1]):
        return False
    inherited = _inherited(node, owners_of)
    return bool(inherited) and all(o.rule == "introduction-request" for o in inherited)


def _labelled_below(node: Node, context: _Context) -> list[Found[str]]:
    """A plan's item told in labelled parts ("1.1. ...:" / "a) Nhiệm vụ: ..." / "b) Cơ quan
    thực hiện: - Đơn vị chủ trì: X; - Đơn vị phối hợp: Y" / "c) Thời gian thực hiện: Hoàn
    thành trong năm 2025"): the one lead label among its parts names who leads each part,
    the task's text and time before or after it."""
    labelled: list[Found[str]] = []
    for child in node.children:
        # (the label on the part's first line, or on the lines of the part's own items)
        parts = [child, *(c for c in child.children if c.kind in ("dash", "plus", "para"))]
        for part in parts:
            for m in _SPAN_LEAD_LABEL.finditer(context.folded, part.start, part.end):
                if not (found := match_agency_list(context.text, context.folded, m.end(),
                                                   part.end, named_here=context.addressees)
                        or officer_at(context.text, context.folded, m.end(), part.end)):
                    continue
                if labelled and found[0].value != labelled[0].value:
                    return []  # parts led by different bodies are tasks of their own
                labelled = labelled or found
    return tagged(labelled, "lead-label") if labelled else []


def _inherited(node: Node, owners_of: dict[int, list[Found[str]]]) -> list[Found[str]]:
    parent = node.parent
    while parent is not None:
        if owners_of.get(id(parent)):
            return owners_of[id(parent)]
        parent = parent.parent
    return []


def _level_alone(node: Node, context: _Context) -> bool:
    """Whether the item's first line is a level alone ("- Cấp tỉnh" over "+ Thông báo ...",
    "1. Cấp xã" over "a) Kinh phí ..."): where the steps below are taken, no body (rule
    a-level-heading-owns-nothing; "cấp xã phải hoàn thành ..." in a sentence still is)."""
    if not node.lines:
        return False
    start, end = node.start, node.lines[0].end
    start += len(context.folded[start:end]) - len(context.folded[start:end].lstrip(" *_"))
    found = match_localities(context.text, context.folded, start, end)
    return found is not None and found.value.startswith("Cấp ") and not (
        context.folded[found.end : end].strip(" *_:."))


def _bold_title_end(node: Node, text: str) -> int | None:
    """Where an article's bold title ends that the page wrapped onto a second line ("**Điều
    8. Trách nhiệm của Chi / nhánh Văn phòng đăng ký đất đai**"), or None: the title is read
    whole, a name cut inside its word or after its kind's head (rule
    an-article-on-two-lines-names-a-kind)."""
    if node.kind != "article" or len(node.lines) < 2:
        return None
    first, second = node.lines[0].text.strip(), node.lines[1].text.strip()
    if not first.startswith("**") or first.count("**") != 1 or not second.endswith("**") \
            or second.count("**") != 1:
        return None
    line = node.lines[1]
    return line.start + len(text[line.start : line.end].rstrip(" \t*_"))


def _heading_owners(node: Node, context: _Context) -> list[Found[str]]:
    """Owners named by the whole first line: "2. Sở Nội vụ", "1. Các sở, ban, ngành; UBND ..."
    (read once an item as it stands, `_read_heading_owners`)."""
    key = (id(node), node.start, node.end, len(node.children), names_state())
    kept = context.heads_of.get(key)
    if kept is None or kept[0] is not node:
        kept = context.heads_of[key] = (node, _read_heading_owners(node, context))
    return list(kept[1])


# a regulation's article or a plan's part named for whose duties it lists: "Điều 9. Trách
# nhiệm của thủ trưởng các đơn vị thuộc Cục X", "3. Nhiệm vụ, quyền hạn của Ban Y"
# (or with no "của" before a group or a council: "3. Trách nhiệm các cơ quan, đơn vị cấp
# thành phố và Ủy ban nhân dân xã, phường")
_DUTIES_OF = re.compile(r"[\s*_]*(?:trach nhiem|nhiem vu)(?:\s*(?:,|va)\s*(?:trach nhiem|nhiem vu"
                        r"|quyen han))*\s+(?:(?:cua|doi voi)\s+|(?=cac\s|uy ban\s|ubnd\s))")
# ... or titled by what the body leads: "Điều 5. Nội dung Sở X có trách nhiệm chủ trì", "Nội
# dung do Công an tỉnh chủ trì" (the heading may wrap, and its paragraph follow it at once)
_LEADS_WHAT = re.compile(r"[\s*_]*noi\s+dung\s+(?:do\s+)?((?:[^\n]|\n(?!\s*\n))+?)\s+"
                         r"(?:co trach nhiem\s+)?chu tri(?=[\s*_:.]*(?:\n|$))")


# a heading's request word alone on its first line: "**11. Đề nghị" / "các doanh nghiệp sản
# xuất, chế biến và xuất khẩu hàng hóa**" (the bodies are the next line's)
_ASKS_ALONE = re.compile(rf"[\s*_]*(?:{tolerant('asking_verbs')})[\s*_]*$")


# a heading that is a team's role alone, over the members who hold it ("2. Phó Trưởng ban:",
# "3. Các ủy viên:"): no body, though stripped of its marks "Truong" may open a school's name
_ROLE_HEADING = re.compile(rf"[\s*_]*(?:cac\s+)?(?:{tolerant('appointed_roles')})[\s*_:.]*$")


def _read_heading_owners(node: Node, context: _Context) -> list[Found[str]]:
    start, end = node.start, node.lines[0].end
    if _ROLE_HEADING.match(context.folded, start, end):
        return []
    if len(node.lines) > 1 and _ASKS_ALONE.match(context.folded, start, end):
        # (over items, the heading's every line: "... Hiệp / hội doanh nghiệp tỉnh")
        last = node.lines[-1] if node.children and len(node.lines) <= 3 else node.lines[1]
        start, end = node.lines[1].start, last.end
    if (bold := _bold_title_end(node, context.text)) is not None:
        end = bold  # "**Điều 9. Trách nhiệm của cơ quan / có chức năng quản lý ... cấp xã**"
    # a list of owners wraps: "2. Đề nghị Văn phòng ..., Văn phòng ... / ... thuộc tỉnh:"
    elif not context.folded[start:end].rstrip().endswith((":", ".", ";")):
        # ... or runs on after its colon: "Viện A, Trung tâm / B (VNCERT): Chuẩn bị ..."
        label = _WRAPPED_LABEL.match(context.folded, start, node.lines[:4][-1].end)
        if label and len(node.lines) > 1 and label.end() > end:
            end = _members_after_colon(context, start, label.end())
        else:
            # "3. Bệnh viện A, Bệnh viện B và Trung tâm / Y tế các huyện" over a), b): a
            # heading without a colon that wraps ("các tổ chức thành viên" names, no verb)
            whole = context.folded[start : node.end].rstrip(" *_")
            if node.children and len(node.lines) <= 3 and not whole.endswith((".", ";")) \
                    and not any(not whole[: m.start()].endswith("cac ")
                                for m in _VERBS.finditer(whole)):
                end = node.end
    duties_of = _DUTIES_OF.match(context.folded, start, end)
    if duties_of:
        start = duties_of.end()  # "Điều 9. Trách nhiệm của Sở X": the body after "của"
    elif leads := _LEADS_WHAT.match(context.folded, start, node.lines[:2][-1].end):
        (start, end), duties_of = leads.span(1), leads
    line = context.folded[start:end]
    if _GROUP_HEAD.match(line) and (bodies := _bracketed_bodies(context, node)):
        return bodies
    labelled = line.rstrip(" *_").endswith(":")
    if remark := _REMARK_AT_END.search(line):  # "1. Phòng Báo chí, Xuất bản (6 NV trọng tâm):"
        end = start + remark.start()
        line = context.folded[start:end]
    # (a list up to its colon may be long: "9. Báo ..., Sở Văn hóa, Thể thao và Du lịch, Cổng
    # Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở:", 30 words)
    if len(line.split()) > (35 if labelled else 25):
        return []
    found = match_agency_list(*_unwrapped_span(context.text, context.folded, start, end),
                              start, end, named_here=context.addressees)
    if end == node.lines[0].end and (
            wrapped := _heading_wrapped_on(context, node, start, found)) is not None:
        found, end = wrapped, max([end, *(w.end for w in wrapped)])
    if not found and duties_of:
        return _short_name_headed(context, start, end) or _described_in_duties(
            context, start, end, 14 if bold is None else 18)
    if duties_of and len(found) == 1 and _DESCRIBED_KIND.match(context.folded, found[0].start) \
            and re.search(r"[a-z]{2,}", context.folded[found[0].end : end]) and (
            described := _described_in_duties(context, start, end, 14 if bold is None else 18)):
        # "Trách nhiệm của cơ quan có chức năng quản lý nhà nước về xây dựng cấp xã": the kind
        # and what tells it apart, not the kind alone
        return described
    if not found:
        return post_in_charge(context.text, context.folded, start, end)
    rest = context.folded[found[-1].end : end]
    # "1. Phòng Kinh tế, Hạ tầng và Đô thị (cơ quan thường trực)": a remark, not the name
    if not re.search(r"[a-z]{2,}", _REMARK.sub(" ", rest).replace(":", " ")):
        return found
    last = found[-1]
    if _QUALIFIER.match(rest) and re.search(r"\bcac\b", context.folded[last.start : last.end]):
        # "5. Giao UBND các huyện, thị xã có dự án đi qua:": the clause says which of them
        # and the body is written with it; no table knows the whole, so it is respelled
        tail = context.text[last.end : end].strip(" *_:")
        qualified = Found(f"{last.value} {tail}", last.start, end, f"{last.raw} {tail}",
                          min(last.confidence, 0.85))
        return [*found[:-1], qualified]
    if labelled and len(found) > 1 and (tail := _unknown_last_member(context, found, end)):
        return [*found, tail]
    # "m) Các cơ quan thông tin, truyền thông của tỉnh": a name the table does not know
    # (not one a stray bracket ends: "Sở Văn hóa, Thể thao và Du lịch) Sở Tài ch")
    headline = context.text[found[0].start : end].strip(" *_:")
    if (
        len(found) == 1
        and headline.count(")") <= headline.count("(")
        and (node.children or labelled or bold is not None)
        and len(headline.split()) <= 12
        and not headline.endswith((".", ";"))
        and not _VERBS.search(rest)
    ):
        name, confidence = canonical_agency(headline)
        return [Found(name, found[0].start, end, headline, min(confidence, 0.8))]
    return []


def _members_after_colon(context: _Context, start: int, colon: int) -> int:
    """Where a wrapped heading's list ends: at its colon, or at its line's end where the
    colon opens the members of a group and they fill the line ("12. Ủy / ban nhân dân các
    xã: Gia Thuận, Tân Điền, Tân Phú Đông"), as they do on a heading's one line."""
    stop = context.folded.find("\n", colon)
    stop = len(context.folded) if stop == -1 else stop
    if not context.folded[colon:stop].strip(" *_"):
        return colon
    found = match_agency_list(*_unwrapped_span(context.text, context.folded, start, stop),
                              start, stop, named_here=context.addressees)
    whole = len(found) > 1 and found[-1].end > colon and \
        not context.folded[found[-1].end : stop].strip(" *_.,;")
    return stop if whole else colon


# a heading list's last member after its known ones: "9. Báo ..., Sở ..., Cổng Thông tin
# điện tử tỉnh và hệ thống truyền thanh cơ sở:"
# (no words that introduce: "..., cụ thể như sau:", "... và theo chức năng:")
_LAST_MEMBER = re.compile(r"\s*(?:,|;|\bva\b)\s+(?!cu the|nhu sau|sau day|trong|theo|tai|voi|ve|de"
                          r"|nham|can cu|moi)([a-z][^.;:()]*?)[\s*_]*:[\s*_]*$")


def _unknown_last_member(context: _Context, found: list[Found[str]], end: int
                         ) -> Found[str] | None:
    """A heading's last member that no table knows, written after the named ones and before
    the colon that closes the list: that body as written (no verb in it, a few words)."""
    last = _LAST_MEMBER.match(context.folded, found[-1].end, end)
    if not last or _VERBS.search(last.group(1)) or not 2 <= len(last.group(1).split()) <= 6:
        return None
    start, stop = last.span(1)
    raw = collapse_spaces(context.text[start:stop].replace("\n", " "))
    name, confidence = canonical_agency(raw[:1].upper() + raw[1:])
    return Found(name, start, stop, raw, min(confidence, 0.8))


# a kind of body an article of duties may name by what it does, no table knowing it: "Điều
# 10. Trách nhiệm của cơ quan thuế", "... của Cơ quan có chức năng quản lý đất đai cấp xã"
# (the kinds may be listed, "tổ chức" among them a noun: "... của cơ quan, tổ chức đặt hàng")
_DESCRIBED_KIND = re.compile(r"(?:cac\s+)?(?:co quan|don vi|to chuc)"
                             r"(?:\s*,\s*(?:co quan|don vi|to chuc|ca nhan))*\b")
# a verb's word that names a field or the kind itself, no verb of the title: "quản lý nhà nước
# về xây dựng", "đơn vị, tổ chức thực hiện nhiệm vụ bồi thường"
_FIELD_OR_KIND_BEFORE = re.compile(r"(?:\bve|\blinh vuc|\bco quan|\bdon vi|\bto chuc|,)\s+$")


# the short name a text gives a body it sets up: "(gọi tắt là Ban Chỉ đạo)", "(sau đây
# gọi là Hội đồng)"
_SHORT_NAME = gated(re.compile(r"\(\s*(?:sau day\s+)?goi\s+(?:tat\s+)?la\s+([^()\n]{2,40}?)\s*\)"))


def _short_name_headed(context: _Context, start: int, end: int) -> list[Found[str]]:
    """An article of duties headed by the short name the text gave a team it sets up
    ("Điều 2. Nhiệm vụ của Ban Chỉ đạo:" after "Kiện toàn Ban Chỉ đạo Trung ương về ...
    (gọi tắt là Ban Chỉ đạo)"): that team, as the heading writes it (no table knows a
    team's bare kind as a name)."""
    said = context.folded[start:end].strip(" *_:.\n")
    if not said or not any(m.group(1).strip() == said
                           for m in _SHORT_NAME.finditer(context.folded)):
        return []
    at = start + context.folded[start:end].index(said)
    raw = context.text[at : at + len(said)]
    return [Found(raw, at, at + len(said), raw, 0.85)]


def _described_in_duties(context: _Context, start: int, end: int, longest: int = 14
                         ) -> list[Found[str]]:
    """The body an article of duties names by its kind and what it does, as written (up to
    `longest` words: a bold title bounds a longer one)."""
    raw = collapse_spaces(context.text[start:end].replace("\n", " ")).strip(" *_:.")
    folded = context.folded[start:end].strip(" *_:.\n")
    kind = _DESCRIBED_KIND.match(folded)
    if not kind or len(raw.split()) > longest or any(
            not _FIELD_OR_KIND_BEFORE.search(folded, 0, m.start())
            for m in _VERBS.finditer(folded, kind.end())):
        return []
    return [Found(raw[:1].upper() + raw[1:], start, end, raw, 0.8)]


def _unwrapped_span(text: str, folded: str, start: int, end: int) -> tuple[str, str]:
    """The text with a heading's line breaks in [start, end) read as the spaces they stand
    for ("10. Ủy ban / nhân dân xã, phường" names one body); offsets are kept."""
    if "\n" not in text[start:end]:
        return text, folded
    joined = text[start:end].replace("\n", " ")
    return (f"{text[:start]}{joined}{text[end:]}",
            f"{folded[:start]}{folded[start:end].replace(chr(10), ' ')}{folded[end:]}")


def _heading_wrapped_on(context: _Context, node: Node, start: int, found: list[Found[str]]
                        ) -> list[Found[str]] | None:
    """A heading's first line that a page's wrap cut before its end: the names read on into
    the next line where they end there ("5. Ủy ban nhân dân các / xã, phường", "4. Các chủ đầu
    tư xây dựng và / kinh doanh hạ tầng Khu công nghiệp", "10. Ủy ban / nhân dân xã,
    phường"); none where the next line goes on with the sentence ("- Trung tâm Kiểm soát
    bệnh / tật tỉnh chủ trì ...", "1. Các cơ quan, đơn vị, địa / phương, doanh nghiệp căn
    cứ ..."): the line is no heading. None where the line is whole."""
    if len(node.lines) < 2:
        return None
    text, folded, first_end, second = context.text, context.folded, node.lines[0].end, node.lines[1]
    tail = folded[found[-1].end if found else start : first_end].strip(" *_")
    # (a line that ends a clause, or a next line that starts with a capital, is whole; a
    # comma goes on: "2. Các Sở, ban, ngành, UBND xã, / phường và các cơ quan ... căn cứ")
    members = _members_wrapped_on(text, first_end, second.end - len(second.text.lstrip(" \t")))
    # (and a body's head alone at the line's end has its name, capitalised, on the next:
    # "Điều 18. Trách nhiệm của Sở / Khoa học và Công nghệ")
    head_cut = not found and bool(_HEAD_ALONE.fullmatch(tail))
    # (and a name the wrap cut before a capital: "(i) Tập đoàn ... quốc gia Việt / Nam báo
    # cáo ...", "3. Đề nghị Ủy ban Mặt trận / Tổ quốc Việt Nam Thành phố")
    runs_on = name_runs_across(folded, first_end, second.end - len(second.text.lstrip(" \t")))
    # (nor does a name end on its "và": "1. Trách nhiệm của Sở Nông nghiệp và / Môi trường",
    # the rest of the name capitalised on the next line)
    line_end = folded[start:first_end].strip(" *_")
    and_cut = line_end.endswith(" va")
    # (nor does a bold heading before its closing marks: "**2. Các cơ quan trực thuộc Bộ /
    # Văn hóa, Thể thao và Du lịch**", the emphasis a converted document kept)
    bold_cut = node.lines[0].text.count("**") % 2 == 1 and second.text.rstrip().endswith(
        "**") and second.text.count("**") == 1
    # (nor a list on its comma: "2. Sở Khoa học và Công nghệ, / UBND các xã, phường niêm yết
    # ...", the next member capitalised on the next line)
    comma_cut = bool(found) and tail == ","
    if tail.endswith((":", ".", ";")) or not (second.text.lstrip(" *_")[:1].islower() or members
                                              or head_cut or runs_on or and_cut or bold_cut
                                              or comma_cut):
        return None
    text, folded = _unwrapped_span(text, folded, start, second.end)
    again = match_agency_list(text, folded, start, second.end, named_here=context.addressees)
    if any(a.start < first_end < a.end for a in again):
        after = folded[again[-1].end : second.end].strip(" *_")
        # (and the heading ends there: a third line that goes on lowercase goes on with it)
        third = node.lines[2].text.lstrip(" *_")[:1] if len(node.lines) > 2 else ""
        return again if again[-1].end > first_end and (not after or after.startswith(":")) \
            and not third.islower() else []
    # (a name the line seemed to end with is shorter read on: "- Các Trung tâm y tế giám /
    # sát tuyến xã ...", the verb the wrap cut)
    if found and again and again[-1].end < found[-1].end:
        return []
    if (members or comma_cut) and again[len(found):] and again[-1].start > first_end:
        # ("a) Các Bộ: Công Thương, Tài chính, / Xây dựng, Y tế nghiên cứu ...": the list
        # goes on to its verb, a sentence's subject, no heading; or to its colon, a heading)
        after = folded[again[-1].end : second.end].strip(" *_")
        return again if not after or after.startswith(":") else []
    # (the words left on the line are no name's: "... đơn vị, địa / phương, ...")
    return [] if tail and len(tail.split()) <= 2 and not again[len(found):] else None


_REMARK = re.compile(r"\([^()]*\)?\s*$")
_INTRODUCES = re.compile(r"(?:\bsau|\bcu the)\s*:[\s*_]*$")


def _items_follow(node: Node, context: _Context) -> bool:
    """Whether a paragraph of its own (text whose lines are paragraphs: a file's) is
    followed by an item, its sibling: "... tập trung các nhiệm vụ cụ thể:" then "1. ...",
    which a page's wrapped lines give as the text of the heading above it. Under a
    heading that names bodies ("2. Các Sở, ban, ngành Thành phố:") it is theirs, as the
    heading's own text would be."""
    parent = node.parent
    if node.kind != "para" or parent is None or not parent.lines or _heading_owners(
            parent, context):
        return False
    siblings = parent.children
    at = next(i for i, sibling in enumerate(siblings) if sibling is node)
    return at + 1 < len(siblings) and siblings[at + 1].kind != "para"
# a body's responsibilities introduced on a line of their own: "... có trách nhiệm:"
_RESPONSIBLE_FOR_BELOW = re.compile(
    r"\b(?:co|chiu|c) trach nhiem(?: (?:nhu sau|sau|sau day))?\s*:[\s*_]*$")
_WRAPPED_LABEL = re.compile(r"[^.;:]*:")
_REMARK_AT_END = re.compile(r"\s*\([^()]*\)?[\s*_]*:?[\s*_]*$")
_QUALIFIER = re.compile(
    r"\s+(?:co|thuoc|tren dia ban|tu(?=\s[a-z ]+\sden\s))\s+(?!nhiem vu|trach nhiem|y kien)"
    r"[a-z ,\-]+:\s*$"
)

# "3. Đối với các cơ quan được giao chủ trì theo dõi các lĩnh vực (Văn phòng UBND tỉnh,
# Sở Tư pháp, Sở Tài chính)": the heading names its bodies in brackets
_GROUP_HEAD = re.compile(
    r"(?:[dp][a-z]{1,2}i v[a-z]{1,2}i )?c[a-z]c (?:c[a-z] qu[a-z]n|d[a-z]n v[a-z])\b"
)
_BRACKETED = re.compile(r"[^(]*\(([^()]+)\)[\s:.]*$")


def _bracketed_bodies(context: _Context, node: Node) -> list[Found[str]]:
    # the bracketed list may wrap onto the next lines
    end = next((ln.end for ln in node.lines[:4] if ")" in ln.folded), None)
    listed = _BRACKETED.match(context.folded, node.start, end) if end else None
    if listed is None:
        return []
    start, end = listed.span(1)
    # (the list as one line where the page wrapped it: "..., Ban / quản lý Khu ...")
    found = match_agency_list(*_unwrapped_span(context.text, context.folded, start, end),
                              start, end)
    # a list of bodies, not a remark: two of them at least, or one filling the brackets
    return found if len(found) >= 2 or (found and found[-1].end >= end - 2) else []


def _sentence_owners(node: Node, context: _Context) -> list[Found[str]]:
    start = node.start
    # "III. TỔ CHỨC THỰC HIỆN" / "Các sở, ban, ngành báo cáo ...": the subject is below; so
    # under a label that names no one ("1.3. Đơn vị duy trì thoát nước trên địa bàn:" /
    # "Công ty A; Công ty B; ... có trách nhiệm:")
    if len(node.lines) > 1 and (
        is_upper_text(node.lines[0].text, share=1.0, at_least=4)
        or context.folded[node.start : node.lines[0].end].rstrip(" *_").endswith(":")
        or _titles_the_paragraph(node)
    ):
        return _span_owners(context, start, node.end) or _span_owners(
            context, node.lines[1].start, node.end)
    return _span_owners(context, start, node.end)


def _team_in_full(context: _Context, at: int, end: int, subject: list[Found[str]]
                  ) -> list[Found[str]]:
    """The subject with a team the document set up named in full where it opens the span
    ("Ban Chỉ đạo thực hiện hỗ trợ nhà ở ... tổ chức kiểm tra ...": its name, not "Ban Chỉ
    đạo" cut at "thực hiện"), rule team-named-as-set-up."""
    opens = _skip_space(context.folded, at, end)
    team = next((t for t in context.teams if t.start == opens and t.end <= end), None)
    if team is None or (subject and (subject[0].start != opens or subject[0].end > team.end)):
        return subject
    return [team, *(o for o in subject if o.start >= team.end)]


def _titles_the_paragraph(node: Node) -> bool:
    """Whether an item's first line is its title and the sentence starts on the next: "I.
    Nhiệm vụ chung" / "Các sở, ngành ... tập trung thực hiện ...:" (a short line with no
    stop of its own, a capital after it)."""
    first, second = node.lines[0].text.strip(" *_"), node.lines[1].text.lstrip(" *_")
    # (not a line that opens with the lead or its partners: "c) Chủ trì, phối hợp với Văn
    # phòng / UBND tỉnh và các cơ quan liên quan xây dựng ...", a name the wrap cut)
    opens = _OPENS_LEADING.match(node.lines[0].folded, node.marker_end)
    return (len(first.split()) <= 8 and not first.endswith((".", ",", ";", ":"))
            and second[:1].isupper() and opens is None)


def _topic_before_a_body(text: str, folded: str, start: int, end: int) -> re.Match[str] | None:
    """A topic wrapped over lines or parted by semicolons ("Về ...;\n ... địa phương: Ủy ban
    nhân dân thành phố X cần ..."), taken as the item's lead only when a body opens the
    words after its colon: a colon that opens a list or a figure leaves the item as it is."""
    topic = _WRAPPED_TOPIC.match(folded, start, end)
    return topic if topic and match_agency_list(text, folded, topic.end(), end) else None


def _span_owners(context: _Context, start: int, end: int) -> list[Found[str]]:
    """Owners a sentence names: its subject, "Giao X", "X chủ trì", "Cơ quan chủ trì: X"
    (read once a span and state, `_read_span_owners`)."""
    key = (start, end, names_state())
    known = context.owners_of.get(key)
    if known is None:
        known = context.owners_of[key] = _read_span_owners(context, start, end)
    return list(known)


def _read_span_owners(context: _Context, start: int, end: int) -> list[Found[str]]:
    text, folded = context.text, context.folded
    owners: list[Found[str]] = []
    # "- Trước ngày 20/3/2025: các trường THPT hoàn thành ...": the owner after the date
    # "2. Về ưu tiên bố trí cho y tế: Sở Y tế rà soát ...": the owner after the topic
    # (an item numbered "2- ..." as an older letter numbers them)
    start = marked.end() if (marked := _DASHED_NUMBER.match(folded, start, end)) else start
    # ("(Dân trí) - UBND các xã ...", "BT- Theo kế hoạch ...": a news byline before it)
    start = byline.end() if (byline := _BYLINE.match(folded, start, end)) else start
    lead = (_DATE_LEAD.match(folded, start, end) or _TOPIC_LEAD.match(folded, start, end)
            or _topic_before_a_body(text, folded, start, end))
    subject_at = lead.end() if lead else start
    if connector := _CONNECTOR.match(folded, subject_at, end):  # "Theo đó, UBND các xã ..."
        subject_at = connector.end()
    # "e) Đối với Nhà đầu tư Dự án cao tốc X: Khẩn trương ...": the topic is the owner
    if (concerning := _CONCERNING.match(folded, start, end)) is not None:
        named = match_agency_list(text, folded, concerning.end(), end)
        colon = folded.find(":", concerning.end(), end)
        # ("Đối với các ban của Tỉnh ủy, tập trung thẩm định ...": a comma, and the verb
        # with no subject of its own after it)
        comma = _TOPIC_COMMA.match(folded, named[-1].end, end) if named else None
        # ("Đối với Công ty X (nhà thầu thi công):": its role in brackets before the colon)
        # ("Đối với các cơ quan, tổ chức vi phạm ..., tùy tính chất xem xét, xử lý": whom
        # the sentence deals with, not who acts)
        offenders = bool(named) and _HANDLES_OFFENDERS.match(folded, named[-1].end, end)
        if named and not offenders and (
                (colon != -1 and _ROLE_ASIDE.fullmatch(folded, named[-1].end, colon)) or (
                comma and not match_agency_list(text, folded, comma.end(), end))):
            owners += tagged(named, "subject")
        elif not named and not (colon != -1 and _A_FIGURE.match(folded, colon + 1, end)) and (
                kind := _kind_of_body(text, folded, concerning.end(), colon)):
            # (not a figure: "- Đối với viên chức quản lý: 85 chỉ tiêu." counts, asks nothing)
            owners += tagged([kind], "subject")  # "6.2 Đối với đơn vị được kiểm tra: ..."
    subject = _honoured_subject(context, subject_at, end) or match_agency_list(
        text, folded, subject_at, end, named_here=_named_above(context, subject_at, end))
    if not subject and not owners and concerning is not None:
        subject = _charged_for_the_case(context, concerning.end(), end)
    if subject and _a_caption(context, subject_at, end):
        subject = []  # "Các đại biểu tham gia ý kiến tại cuộc họp" over the next paragraph
    subject = _team_in_full(context, subject_at, end, subject)
    if not subject and lead is None and _OPENER.match(folded, start, end):
        subject = _subject_after_opener(context, start, end)
    if not subject and lead is None:
        subject = _bare_kinds(context, subject_at, end) or provinces_as_subject(
            text, folded, subject_at, end)
    after = subject[-1].end if subject else end
    # "Phó Chủ tịch UBND tỉnh Trần Văn An yêu cầu ...": the council's head by name asks
    if subject and (person := _PERSON_AFTER.match(text, after, min(end, after + 40))):
        words = person.group().split()
        named = is_family_name(words[0]) and len(words) <= 4
        after += len(person.group()) if named else 0
        if named and _APPOINTED.match(folded, after, end):
            subject = []  # (a person appointed to a team, no body charged)
    # ("Các đơn vị gồm: Sở X, Báo Y phối hợp với ... tổ chức ...": the members listed are
    # the subject)
    if subject and (members := _listed_members(text, folded, subject, end)) is not subject:
        subject, after = members, members[-1].end
    stop = folded.find(". ", after, end)
    sentence = folded[after : stop if stop != -1 else end]
    # ("Cục Văn hóa cơ sở (Bộ Văn hóa, ...) vừa ban hành Công văn ...": an aside after the
    # name is passed over to what the body does)
    if aside := _ASIDE_FIRST.match(sentence):
        sentence = sentence[aside.end() :]
    if subject and not _NOT_OWNER_AFTER.match(sentence[:40]):
        sentence = sentence[_rest_of_requester(sentence) :]
    # ("Các cơ quan được giao chủ trì phải báo cáo": bodies at large a passive describes)
    passive_at_large = bool(re.match(r"\s*,?\s*duoc\s", sentence)) and all(
        fold_ocr(o.value) in _AT_LARGE for o in subject)
    given_by = bool(_GIVEN_BY.match(sentence)) and not any(
        fold_ocr(o.value).startswith("cac ") for o in subject)
    if subject and not passive_at_large and (
            given_by or not _NOT_OWNER_AFTER.match(sentence[:40])) and not (
        _DIRECTED_AFTER.match(sentence) and _directs(context, start, after + 1)) and not (
        _SPAN_EXECUTION_CLAUSE.search(sentence)  # who executes a decision leads no task
    ):
        dated = lead is not None and lead.re is _DATE_LEAD
        requested = p.REQUEST.match(folded, subject[0].start)  # "Giao Sở X ...": its object
        if requested and _CLOSING_CHARGE.match(folded, subject[-1].end, end):
            subject = []  # "Yêu cầu các ngành, địa phương thực hiện nghiêm chỉ đạo này."
        if requested and subject and _in_a_petition(context, start, subject[0].start):
            subject = []  # "Nội dung công dân kiến nghị: “Đề nghị UBND huyện X ...": asked of it
        if requested:
            subject = _relayed(context, subject, end,
                               asked_up=_asks_up(context, subject, requested.start()))
            subject = _those_it_was_sent_to(context, subject)
        owners += tagged(subject, "request-object" if requested else
                         "owner-after-a-date" if dated else "subject")
        if subject and not requested:
            # "Phòng Kinh tế - Hạ tầng thẩm định nội dung; Phòng Tài chính - Kế hoạch thẩm
            # định kinh phí": a later clause with its own body and verb, a subject too
            # (one that helps is a co-owner: "...; UBND các huyện phối hợp thực hiện")
            later = [a for a in _asked_after_semicolons(context, subject[-1].end, end)
                     if not _HELPS_NEXT.match(folded, a.end, end)]
            owners += tagged(later, "subject-of-a-later-clause")
    # "Xe ô tô do Văn phòng Sở bố trí": the agent is charged with it (a name is read after
    # "do" only where a duty's verb is in the span at all: "do" is common)
    agents = _SPAN_BY_AGENT.finditer(folded, start, end) if _SPAN_DUTY.search(
        folded, start, end) else ()
    for m in agents:
        agent = match_agency(text, folded, m.end(), end)
        if agent is not None and _DUTY.match(folded, agent.end, end):
            owners += tagged([agent], "agent")
    for m in _SPAN_LEAD_LABEL.finditer(folded, start, end):
        labelled = match_agency_list(text, folded, m.end(), end, named_here=context.addressees) \
            or officer_at(text, folded, m.end(), end)
        owners += tagged(labelled, "lead-label")
        if labelled and ";" in folded[labelled[-1].end : end]:
            # "Cơ quan thực hiện: Sở Nội vụ chủ trì ...; Sở Tư pháp và các sở, ngành chủ
            # động triển khai ...": a later clause with its own body and verb leads too
            owners += tagged([a for a in _asked_after_semicolons(context, labelled[-1].end, end)
                              if not _HELPS_NEXT.match(folded, a.end, end)],
                             "label-later-clause")
    # ("Ban Chỉ đạo ...": capitalised, a name's word, not the verb)
    directed = [m for m in _SPAN_DIRECTING.finditer(folded, start, end)
                if not text[m.start()].isupper()
                and _directs(context, _clause_start(folded, start, m.start()), m.start())]
    # ("1. Về đề nghị các bộ, ngành ban hành ...: UBND thành phố X rà soát ...": the
    # proposal a topic names asks nobody here; the body after its colon answers it)
    proposal_up_to = topic.end() if _A_PROPOSAL.match(folded, start, end) and (
        topic := _WRAPPED_TOPIC.match(folded, start, end)) else -1
    asked_up_to = -1  # where the bodies the last request named end
    # (or the sentence's subject: "Thủ trưởng các sở, ngành và đề nghị các cơ quan Trung
    # ương đóng trên địa bàn thực hiện ...", the request's object after its colon)
    named_up_to = subject[-1].end if subject else -1
    for m in sorted([*_SPAN_REQUEST.finditer(folded, start, end), *directed],
                    key=re.Match.start):
        if 0 <= m.start() - asked_up_to <= 2:
            continue  # "đề nghị Sở X yêu cầu ...": a relay, read with the request before
        if _in_a_petition(context, start, m.start()) or m.start() < proposal_up_to:
            continue  # a citizen's or a voter's petition quoted: what the text answers
        lead_start = _clause_start(folded, start, m.start())
        lead = folded[lead_start : m.start()]
        # "yêu cầu các sở, ngành và đề nghị các cơ quan Trung ương ...": the same request
        # goes on, in a politer verb, to those outside the asker's own hierarchy
        asks_on = any(at >= 0 and _ASKS_ON.fullmatch(folded, at, m.start())
                      for at in (asked_up_to, named_up_to))
        if own := _group_asks_its_own(context, lead_start, m):
            # "3. UBND các huyện yêu cầu UBND xã, phường thực hiện ngay ...": councils as a
            # group speak for no letter; asked to require their own communes, they answer
            owners += tagged(own, "a-group-asks-its-own")
            asked_up_to = m.end()
            continue
        # "Sở Y tế giao Phòng Nghiệp vụ Dược ...": a department hands its own unit a task
        if (asks_on or _requester_leads(context, lead_start, m.start())
                or _body_leads(context, lead_start, m.start()) or (
            m.group().startswith("giao") and _DEPARTMENT_LEAD.match(lead)
        )) and not _passive(context, lead_start, m.start()):
            named = match_agency_list(text, folded, m.end(), end,
                                      named_here=_named_above(context, m.end(), end))
            if not named:
                named = _bare_object(context, _skip_space(folded, m.end(), end), end)
            if not named:
                named = _honoured_object(context, _skip_space(folded, m.end(), end), end)
            if not named:
                named = _counted_above(context, _skip_space(folded, m.end(), end), end)
            if not named and "," in m.group():
                named = _object_after_aside(context, m.end(), end)
            if not named:
                named = _object_after_condition(context, m.end(), end)
            if not named:
                named = officer_asked(text, folded, _skip_space(folded, m.end(), end), end)
            if not named and (concerning := _CONCERNING.match(folded, m.end(), end)):
                # "... đề nghị: Đối với các tỉnh từ A đến B phải theo dõi ...": the topic
                topic = match_agency_list(text, folded, concerning.end(), end)
                named = topic if topic and _ENDER_HERE.match(folded, topic[-1].end) else []
            named = _listed_members(text, folded, named, end)
            if asked_up_to >= 0 and named and _OWN_RELAY.fullmatch(folded, asked_up_to, m.start()) \
                    and all(_OWN_UNITS.match(fold_ocr(n.value)) for n in named):
                # "yêu cầu cục trưởng các cục thuế phải chỉ đạo, phân công các phòng liên quan
                # ...": the body asked hands its own units the work, the task stays its own
                asked_up_to = named[-1].end
                continue
            asked_up_to = named[-1].end if named else -1
            if named and _CLOSING_CHARGE.match(folded, named[-1].end, end):
                continue  # "Yêu cầu các ngành, địa phương thực hiện nghiêm chỉ đạo này./."
            named = _relayed(context, named, end, asked_up=_asks_up(context, named, m.start()))
            named = _those_it_was_sent_to(context, named)
            # after a purpose ("Để phấn đấu giải ngân ..., yêu cầu các cơ quan, đơn vị, địa
            # phương tập trung ... sau:"), everyone at large introduces the items below (a
            # connector's comma is no purpose: "Theo đó, ... đề nghị các đơn vị, địa phương")
            rest = lead[_CONNECTOR.match(lead).end() if _CONNECTOR.match(lead) else 0 :]
            # (a purpose before a request with no items after it asks them all: "Để phòng
            # dịch, UBND tỉnh yêu cầu các sở, ban, ngành và các địa phương triển khai ...")
            purpose = "," in rest and bool(_PURPOSE_OPENS.match(rest)) and folded[
                m.end() : end].rstrip(" *_\n").endswith(":")
            # (a list an OCR ran on into the next body is at large too: "các sở, ban, ngành,
            # địa phương và Nhà đầu")
            owners += tagged([a for a in named if not purpose or fold_ocr(a.value).split(
                " va ")[0] not in _AT_LARGE], "request-object")
            if named:
                owners += tagged(_asked_after_semicolons(context, named[-1].end, end),
                                 "request-object")
    for sent in _reported_bodies(text, folded, _SPAN_SENT_TO, start, end, duties=True):
        # "... gửi UBND các tỉnh, đề nghị các địa phương chủ động ...": they are the ones
        owners = [o for o in owners if not sent or fold_ocr(o.value) not in _SENT_AT_LARGE]
        owners += tagged(sent, "sent-to")
    for m in _SPAN_SENT_FOR_COMMENTS.finditer(folded, start, end):
        # "Phòng Nội vụ gửi đến các cơ quan, đơn vị, địa phương phối hợp góp ý dự thảo ...":
        # those a draft is sent to, for their comments
        sent = match_agency_list(text, folded, m.end(), end)
        if sent and _COMMENTS_ASKED.match(folded, sent[-1].end, end):
            # (who sends it, the subject right before, asks: no owner)
            owners = [o for o in owners if folded[o.end : m.start()].strip(" ,")
                      or o.end > m.start()]
            owners += tagged(sent, "sent-to")
    for m in _SPAN_REQUEST_NOUN.finditer(folded, start, end):
        # "Đó là chỉ đạo của UBND tỉnh đối với Sở X": a request said as a noun, to whom
        owners += tagged(match_agency_list(text, folded, m.end(), end), "request-as-a-noun")
    for m in _SPAN_LEADS.finditer(folded, start, end):
        if _EXECUTION_CLAUSE.match(folded[m.start() : m.start() + 160].lstrip(" -–\n")) or \
                _CHAIRS_A_MEETING.match(folded, m.end(), end):
            continue
        # the agency that leads must open its clause or follow a comma ("..., Sở X chủ trì");
        # its name may wrap from the line before ("(Sở Tài / chính chủ trì; ...)")
        for clause in dict.fromkeys((_clause_start(folded, start, m.start()),
                                     _clause_start(folded, start, m.start(), ".;:("))):
            # (not a part of a name already read: "Phòng X, Công an tỉnh chủ trì")
            leads = [a for a in _agency_ending_at(context, m.start(), clause)
                     if (not folded[clause : a.start].strip(" -") or
                         folded[clause : a.start].rstrip(" -").endswith(","))
                     and not any(o.start <= a.start and a.end <= o.end for o in owners)
                     # ("Bộ A chủ trì, phối hợp với Bộ B, Bộ C chịu trách nhiệm hướng dẫn":
                     # the last of those who help, Bộ A's verb going on after them)
                     and not _last_of_helpers(context, max(start, a.start - 160), a)]
            if leads:
                owners += tagged(leads, "lead-verb")
                break
    for given, named in _given_to(context, start, end):
        # "giao nhiệm vụ tổ chức lễ kỷ niệm cho Phòng X": the work named between the verb
        # and "cho" is no body ("Tổ chức lễ kỷ niệm"); the body after "cho" is charged
        owners = [o for o in owners if not given.start() <= o.start < given.end()]
        owners += tagged(named, "given-to")
    if not owners:
        owners += tagged(_done_by_after_dash(context, start, end), "done-by-after-a-dash")
    owners += tagged(_informed_to_act(context, start, end), "informed-to-act")
    return _unique([_named_before(o, context.addressees) for o in owners])


# a plan's item that names its work, then who does it after a dash: "1. Phân tích đề thi năm
# 2025 – Trường A thực hiện.", "2. Tham luận “...” - Trường B hỗ trợ thực hiện."
_DASH_BEFORE_DOER = re.compile(r"\s[–-]\s+")
_DOER_VERB = re.compile(rf"\s*(?:(?:ho tro|cung|{tolerant('help_verbs')})\s+)?"
                        rf"(?:thuc hien|trinh bay|{tolerant('lead_verbs')})[\s.;*_]*")


# a notice's close that tells its addressee to act on it: "Sở X thông báo cho Công ty Y được
# biết và triển khai thực hiện./.", an answer's "Cục X trả lời để Thuế tỉnh Y được biết và
# hướng dẫn doanh nghiệp thực hiện" (not one told only to know: "... để Công ty Y biết")
# (gated: searched over each span, it skips to the "t"s; `regex_gate.Skipping`)
_INFORMED = gated(re.compile(r"\b(?:thong bao|tra loi)\s+(?:cho|den|toi|de)\s+"))
_TO_ACT = re.compile(r"(?:\s*,[^,.;:]{1,40}?)?\s*(?:duoc\s+)?biet\s*(?:,|v[a-z]\b)\s*"
                     r"(?:(?:(?:trien khai|to chuc)\s+)?thuc hien|huong dan)\b")


def _informed_to_act(context: _Context, start: int, end: int) -> list[Found[str]]:
    """The bodies a notice tells "được biết và triển khai thực hiện"."""
    for m in _INFORMED.finditer(context.folded, start, end):
        if p.REQUEST.search(context.folded, _clause_start(context.folded, start, m.start()),
                            m.start()):
            continue  # "Đề nghị Tổ dân phố thông báo cho các hộ ... biết và thực hiện": a relay
        named = match_agency_list(context.text, context.folded, m.end(), end,
                                  named_here=context.addressees)
        if named and _TO_ACT.match(context.folded, named[-1].end, end):
            return named
    return []


def _done_by_after_dash(context: _Context, start: int, end: int) -> list[Found[str]]:
    """The bodies named after the span's last dash, where only their verb ends the span."""
    dashes = list(_DASH_BEFORE_DOER.finditer(context.folded, start, end))
    if not dashes:
        return []
    named = match_agency_list(context.text, context.folded, dashes[-1].end(), end)
    return named if named and _DOER_VERB.fullmatch(context.folded, named[-1].end, end) else []


# a body's help, right after it (its list's other members between): "..., B phối hợp"
_HELPS_NEXT = re.compile(r"(?:\s*(?:,|\bva\b)\s*[^,;.:]{1,60}?)?\s*(?:cung\s+)?"
                         rf"(?:{tolerant('help_verbs')})")


# A petition quoted after its label ("Nội dung công dân kiến nghị: “Đề nghị ...", "Ý kiến
# cử tri: Đề nghị ...", "Cử tri phản ánh: ..."): its requests are what the text answers
# (the vocabulary's petitioners but a person named by an honorific, whose "Ông X, Chủ tịch
# ..., đề nghị:" may be the leader's own request; and a citizen's or a voter's only: a
# report's or a tờ trình's own "Kiến nghị: Đề nghị UBND tỉnh ..." is its proposal)
_HONORIFICS = {" ".join(h) for h in phrases("honorifics")}
_CITIZENS = "|".join(f"(?:{pattern})\\b" for phrase, pattern in phrase_patterns("petitioners")
                     if fold_ocr(phrase) not in _HONORIFICS)
# (a label's colon: a text without one is not scanned for the rest, `needing`)
_PETITION_LABEL = needing(re.compile(
    rf"\b(?:(?:{_CITIZENS})[^:\n]{{0,60}}?\b(?:{tolerant('petition_nouns')})"
    rf"|(?:{tolerant('petition_nouns')})\s+(?:cua\s+)?(?:{_CITIZENS}))\s*:\s*[\"“'‘]?\s*$"),
    char=":")


def _in_a_petition(context: _Context, start: int, pos: int) -> bool:
    """Whether `pos` opens the request of a petition quoted on its line (from `start` or the
    line's beginning, whichever is later, or the line before where the quote opens one)."""
    folded = context.folded
    line_start = folded.rfind("\n", 0, pos) + 1
    before = folded[max(line_start, pos - 200) : pos]
    if _PETITION_LABEL.search(before):
        return True
    # (the quote opens on a line of its own, the label ends the line before)
    opens_line = not folded[line_start:pos].strip(" \"“'‘")
    return opens_line and bool(
        _PETITION_LABEL.search(folded[max(0, line_start - 200) : max(0, line_start - 1)]))


# "giao [nhiệm vụ | công tác | việc] <the work> cho <body>": a task handed to whom "cho"
# names, after the work (the work a short clause, no comma or stop inside it; not "giao
# cho X", the request's own object, nor "bàn giao", "giao thông", "Giáo dục")
_GIVEN_WORK = gated(re.compile(
    r"(?<![a-z])(?<!ban )(?<!duoc )giao\s+(?:nhiem vu|cong tac|viec|trach nhiem)\s+(?!cho\b)"
    r"(?:[^\s,;:.()]+\s+){0,14}?cho\s+"))
_SPAN_GIVEN_WORK = _SPANS.marked(_GIVEN_WORK)


def _given_to(context: _Context, start: int, end: int) -> list[tuple[re.Match, list[Found[str]]]]:
    """Each "giao <the work> cho <body>" in the span, with the bodies after its "cho" (the
    first "cho" that names one: "chuẩn bị cho công tác viếng ... cho Ban Chỉ huy ...")."""
    text, folded = context.text, context.folded
    out = []
    for m in _SPAN_GIVEN_WORK.finditer(folded, start, end):
        at = m
        while at is not None:
            # ("tham mưu cho UBND tỉnh", "hướng dẫn cho các xã": whom the work serves)
            serves = _SERVES.search(folded, max(0, at.end() - 30), at.end())
            named = [] if serves else match_agency_list(text, folded, at.end(), end) or (
                _bare_object(context, at.end(), end))  # ("cho lực lượng công an huyện")
            if named:
                out.append((at, named))
                break
            at = _GIVEN_WORK_ON.match(folded, at.end(), end)
    return out


# a verb whose "cho" names whom the work serves, not who is given it
_SERVES = re.compile(r"\b(?:tham muu|huong dan|giup|ho tro|bao cao|tao dieu kien|cap|phuc vu"
                     r"|tap huan|boi duong|tuyen truyen|chi tra|trinh)\s+cho\s+$")
# the work goes on to a later "cho" ("chuẩn bị cho công tác viếng nghĩa trang cho ...")
_GIVEN_WORK_ON = re.compile(r"(?:[^\s,;:.()]+\s+){1,14}?cho\s+")


# "nêu trên", "ở trên", "trên" after a group (not "trên địa bàn", "trên cơ sở", ...)
_MEMBERS_AFTER = gated(re.compile(r"\b(?:bao\s+)?gom\s*:\s*"))
_ABOVE_HINT = gated(re.compile(
    r"\b(?:neu tren|o tren|tren(?!\s+(?:co so|dia ban|toan|pham vi|tinh than|linh vuc|mang"
    r"|ca nuoc|moi truong|he thong|website|cong thong tin|trang)\b))\b"))


def _named_above(context: _Context, pos: int, end: int) -> list[str]:
    """Whom "các đơn vị nêu trên" stands for: the letter's addressees; with none, the bodies
    the last request, letter or directive before `pos` named ("... yêu cầu các đơn vị thuộc
    Ngân hàng X và các tổ chức tín dụng ... Các đơn vị nêu trên gửi báo cáo ...")."""
    if context.addressees or not _ABOVE_HINT.search(context.folded, pos, min(end, pos + 80)):
        return context.addressees
    folded = context.folded
    asks = _ask_points(context)
    k = bisect.bisect_right(asks, pos) - 1
    if k < 0:
        return []
    after = asks[k]
    stop = _CLAUSE_END.search(folded, after, pos)
    named = match_agency_list(context.text, folded, after, stop.start() if stop else pos)
    return [a.value for a in named if not _ABOVE_HINT.search(fold_ocr(a.value))]


# (scanned over a whole text: a members' list tried only where the strings its matches
# open with start, as the request verbs are, `patterns.REQUEST`; the others skip to their
# first characters already)
_ASKING_IN_A_TEXT = (p.REQUEST, _SENT_TO, _DIRECTING)
_MEMBERS_IN_A_TEXT = opened(_MEMBERS_AFTER, "members-after")


def _ask_points(context: _Context) -> list[int]:
    """Where each request, letter sent, direction or list of a group's members ends: the
    bodies named after one are those a later "nêu trên" stands for."""
    if context.asks is None:  # (once a text: a sentence may ask where each ended)
        # (and a group's members listed after it: "4 bộ, ngành được nêu tên gồm: A, B, C")
        # (each members' list holds "gom": a text without it is not scanned for one)
        members = (_MEMBERS_IN_A_TEXT,) if "gom" in context.folded else ()
        context.asks = sorted(m.end() for pattern in (*_ASKING_IN_A_TEXT, *members)
                              for m in pattern.finditer(context.folded))
    return context.asks


# A word that may go on a name the readers cut short (not a verb, no clause's end)
# ("Sở Xây dựng TP.HCM": an abbreviation's dot joins its letters)
_NAME_WORD = re.compile(r"\s*(?:[,&()-]\s*)?\.?[^\s,.;:()]+(?:\.[^\s,.;:()]+)*")


_ASKS_NEXT = re.compile(
    rf"\s*(?:(?:{_ADVERBS})\s+)*(?:(?:co|ban hanh|ra)\s+(?:{tolerant('issuing_texts')})"
    rf"|(?:kinh\s+|tran trong\s+)*{p.REQUEST_VERB})\b")


# (possessive spaces: a run of them is not given back to try the long alternation again at
# every shorter length)
_ENDER_HERE = re.compile(rf"\s*+(?:[,&()-]\s*+)?(?:{tolerant('name_enders')})\b")
_WEAK_ENDER_HERE = re.compile(rf"\s++(?:{tolerant('weak_enders')})\b")


# ("Yêu cầu các hội: Hội A, Hiệp hội B hoàn thành ...": a group's colon lists them too)
def _listed_members(text: str, folded: str, group: list[Found[str]], end: int
                    ) -> list[Found[str]]:
    """The bodies a group names after "gồm" or its colon, up to what they are to do ("Các
    đơn vị gồm: Sở X, Báo Y phối hợp ...", "yêu cầu các hội: Hội A, Hiệp hội B hoàn thành
    ..."); else the group itself."""
    if not group or not all(fold_ocr(o.value).startswith("cac ") for o in group):
        return group
    listed = _MEMBERS_LISTED.match(folded, group[-1].end, end)
    if listed is None:
        return group
    members = match_agency_list(text, folded, listed.end(), end)
    # (a name that a verb standing inside names ended, "Hiệp hội Nhà thầu xây dựng", still
    # runs up to what they are to do)
    if members and members[0].start == listed.end() and (_ENDER_HERE.match(
            folded, members[-1].end) or _WEAK_ENDER_HERE.match(folded, members[-1].end)):
        return members
    return group


_MEMBERS_LISTED = re.compile(r"\s*+(?:,?\s*+(?:bao\s++)?gom\s*+:?|:)\s*+")
_CALLED = re.compile(r"\(\s*(?:sau day\s+)?(?:goi tat la|viet tat la|goi chung la)[^()]{1,60}\)")
_TOPIC_OF_A_NAME = re.compile(r"\s+ve\s+[a-z]")


def _rest_of_requester(sentence: str) -> int:
    """Where the words after a subject reach who-asks' verb, if they are the rest of its
    name (no verb of their own, a few words): "Ban Chấp hành Công đoàn [cơ sở Văn phòng
    UBND tỉnh] yêu cầu ...", "Cục Quản lý đê điều [và Phòng, chống thiên tai] vừa có
    văn bản gửi ...": who asks there leads no task of it. 0 where they are not."""
    # ("Ban Chỉ đạo Phòng, chống tội phạm, tệ nạn xã hội và ... tỉnh (gọi tắt là Ban Chỉ đạo
    # tỉnh) vừa ban hành văn bản ...": a name its short form follows is whole before it)
    if (called := _CALLED.search(sentence, 0, 300)) and _ASKS_NEXT.match(
            sentence[called.end() : called.end() + 40]):
        return called.end()
    at = 0
    for _ in range(8):
        word = _NAME_WORD.match(sentence, at)
        # (a verb of its own, as an OCR may spell it: "X được yêu cầu ...", "bùoc giao" is
        # a passive that names its owner first; but a committee's topic opens its name's
        # rest: "Ban Chỉ đạo Trung ương [về phòng, chống thiên tai] yêu cầu ...")
        if word is None or (_ENDER_HERE.match(sentence, at) and not (
                at == 0 and _TOPIC_OF_A_NAME.match(sentence))):
            return 0
        at = word.end()
        if _ASKS_NEXT.match(sentence[at : at + 40]):
            return at
    return 0


def _asked_after_semicolons(context: _Context, after: int, end: int) -> list[Found[str]]:
    """The request goes on: "yêu cầu các đại biểu thảo luận ...; các cơ quan, đơn vị tập
    trung thực hiện ...": each later clause of the sentence that opens with a body and its
    verb (and asks no one itself) names one more asked."""
    folded = context.folded
    stop = folded.find(". ", after, end)
    stop = end if stop == -1 else stop
    asked: list[Found[str]] = []
    for semicolon in re.finditer(";", folded[after:stop]):
        if _helpers_listed(context, after, after + semicolon.start()):
            break  # "... phối hợp các Sở: A; B; C và D tổ chức ...": who helps, listed
        at = _skip_space(folded, after + semicolon.end(), stop)
        if context.text[at : at + 1].islower() and _overseen_listed(
                context, after, after + semicolon.start()):
            break  # "... hướng dẫn Sở, ban, ngành; các xã, phường tổ chức ...": those it guides
        clause_end = folded.find(";", at, stop)
        clause_end = stop if clause_end == -1 else clause_end
        if p.REQUEST.search(folded, at, clause_end):
            break
        named = match_agency_list(context.text, folded, at, clause_end,
                                  named_here=context.addressees)
        if named and named[0].start == at and _ENDER_HERE.match(folded, named[-1].end):
            asked += named
    if not asked and ";" not in folded[after:stop]:
        asked = _asked_after_a_comma(context, after, stop)
    return asked


def _helpers_listed(context: _Context, start: int, semicolon: int) -> bool:
    """Whether the clause before a semicolon lists who helps up to it ("phối hợp các Sở:
    A; B; ..."), not one that names its helper and goes on to its verb ("Phòng X phối hợp
    Đài Y tuyên truyền ...; Phòng Z ...")."""
    helping = _COOWNER.search(context.folded, start, semicolon)
    if helping is None:
        return False
    if ":" in context.folded[helping.end() : semicolon]:
        return True
    helpers = match_agency_list(context.text, context.folded, helping.end(), semicolon)
    return not helpers or not context.folded[helpers[-1].end : semicolon].strip(" ,.")


_OVERSEES = re.compile(rf"\b(?:{tolerant('overseeing_verbs')})\s*,?\s+")


def _overseen_listed(context: _Context, start: int, semicolon: int) -> bool:
    """Whether the clause before a semicolon ends with the bodies its verb of oversight
    names ("Sở X: Tham mưu theo dõi, hướng dẫn Sở, ban, ngành và các tổ chức ...; các xã,
    phường tổ chức triển khai"): the list goes on after the semicolon (rule
    overseen-list-goes-on-after-a-semicolon)."""
    folded = context.folded
    verbs = list(_OVERSEES.finditer(folded, start, semicolon))
    if not verbs:
        return False
    # (from the verb, or from a later member of its list: "Sở, ban, ngành, Ủy ban Mặt trận
    # ... và các tổ chức ...", whose bare kinds first name no body by themselves)
    starts = [verbs[-1].end()] + [m.end() for m in _LIST_JOINS.finditer(
        folded, verbs[-1].end(), semicolon)]
    for at in starts:
        named = match_agency_list(context.text, folded, at, semicolon)
        if named and not folded[named[-1].end : semicolon].strip(" ,."):
            return True
    return False


_LIST_JOINS = re.compile(r",\s*|\s+va\s+")


_NAMED_AFTER_HEAD = re.compile(rf"\S+\s+[{UPPER}]")


def _asked_after_a_comma(context: _Context, after: int, stop: int) -> list[Found[str]]:
    """ "yêu cầu Công ty A mở thêm 1 cửa xả vào 17 giờ, Công ty B mở 1 cửa xả ...": after
    the first one's verb, a comma, then a body named in full that a verb follows."""
    folded = context.folded
    if not _ENDER_HERE.match(folded, after) or _COOWNER.search(folded, after, stop):
        return []
    asked: list[Found[str]] = []
    previous = after
    for comma in re.finditer(",", folded[after:stop]):
        at = _skip_space(folded, after + comma.end(), stop)
        segment, previous = previous, after + comma.end()
        if folded.count("(", after, after + comma.start()) > folded.count(
                ")", after, after + comma.start()):
            continue  # in brackets: "gửi về UBND tỉnh (qua Phòng A, Công an tỉnh) trước ..."
        # (a body right before the comma lists the objects of another verb: "hướng dẫn UBND
        # thị xã A, UBND huyện B tổ chức ...")
        if _agency_ending_at(context, after + comma.start(), segment):
            continue
        named = match_agency(context.text, folded, at, stop)
        # ("..., phòng Tài chính & kế hoạch thẩm định kinh phí": a known body typed with its
        # head in lower case, the name after it capitalised)
        if not context.text[at : at + 1].isupper() and not (
                named is not None and named.confidence >= 0.9 and _NAMED_AFTER_HEAD.match(
                    named.raw)):
            continue
        if named is not None and named.start == at and (
                named.confidence >= 0.9 or _named_in_full(named)) and _ENDER_HERE.match(
                folded, named.end) and not p.REQUEST.search(folded, at, stop):
            asked.append(named)
    return asked


def _named_before(found: Found[str], addressees: list[str]) -> Found[str]:
    """A bare kind ("các sở") stands for the one group of that kind the letter was sent to
    ("Bộ GD&ĐT có văn bản gửi các Sở GD&ĐT ... đề nghị các sở báo cáo ...")."""
    words = fold_ocr(found.value).split()
    if len(words) != 2 or words[0] != "cac":
        return found
    fuller = [a for a in addressees if fold_ocr(a).startswith(f"cac {words[1]} ")]
    return replace(found, value=fuller[0]) if len(fuller) == 1 else found


# a body of every unit of a level: "Ban Chỉ huy PCTT&TKCN các huyện" (its levels after "các")
_OF_EACH_UNIT = re.compile(
    rf"(?P<head>.+?) cac (?P<levels>(?:{p.LEVEL})(?:\s*,\s*(?:{p.LEVEL}))*)$")


def _spelled_key(name: str) -> str:
    """A name compared however it was written: abbreviations spelled out, folded, no commas
    ("Ban Chỉ huy PCTT&TKCN" is "Ban Chỉ huy Phòng, chống thiên tai và ...")."""
    return " ".join(fold_ocr(expand_abbreviations(name)).replace(",", " ").split())


def _members_named_before(found: Found[str], addressees: list[str]) -> list[Found[str]]:
    """A body of each unit of a level ("Ban Chỉ huy PCTT&TKCN các huyện") stands for the
    units the letter was sent to by name ("Kính gửi: Ban Chỉ huy PCTT&TKCN các huyện: A,
    B, C" → its addressees "... huyện A", "... huyện B"): those, when two or more."""
    m = _OF_EACH_UNIT.match(_spelled_key(found.value))
    if m is None:
        return [found]
    levels = [level.strip() for level in m.group("levels").split(",")]
    members = [a for a in addressees if any(
        _spelled_key(a).startswith(f"{m.group('head')} {level} ") for level in levels)]
    return [replace(found, value=a) for a in members] if len(members) >= 2 else [found]


# A plan item's attributes, each on a line of its own: "- Cơ quan chủ trì: Sở Nội vụ",
# "- Thời gian hoàn thành: Quý III/2026", "- Sản phẩm: Kế hoạch ..."
_ATTRIBUTE = re.compile(
    rf"\s*(?:(?:{_LEAD}|{_HELP})\s*(?:thuc hien)?\s*:"
    rf"|(?:(?:co quan|don vi)\s+(?:{_LEAD}|{_HELP}|thuc hien)|th[a-z]{{1,2}}i\s+(?:gian|h[a-z]n)"
    r"|san pham|ket qua|hinh thuc|kinh phi|nguon kinh phi)[^:\n]{0,30}:)")


def _fold_labels(root: Node, folded: str) -> None:
    """An item whose sub-items are all its attributes is one task: the labels' lines go
    back into the item, so its owner, co-owners and date are read as one."""
    for node in list(root.walk()):
        if node.children and all(
            child.kind in ("dash", "plus") and not child.children
            and _ATTRIBUTE.match(folded, child.start, child.end) for child in node.children
        ):
            for child in node.children:
                node.lines += child.lines
            node.children = []


# An adverbial clause the sentence opens with before its subject: "Trên cơ sở đề xuất
# của các sở, ngành, Sở Tài chính tổng hợp ...", "Sau khi có ý kiến của Sở Y tế, ..."
# (vowels as an OCR may leave them: "Tr&n cò sõ"; "Theo kế hoạch, Sở Y tế ...")
_OPENER = re.compile(r"[\s\-+•*]*(?:tr[a-z]n\s+c[a-z]\s+s[a-z]|c[a-z]n\s+c[a-z]|sau\s+kh[a-z]|theo"
                     r"|song\s+song\s+v[a-z]{1,2}i"
                     r"|trong\s+qu[a-z]\s+tr[a-z]nh|nham|khi|truong hop|tu ngay|ngay sau khi"
                     # (a purpose: "Để thực hiện tốt nhiệm vụ, các cấp Hội ... cần ..."; not
                     # "Đề nghị", "Đề xuất", "Đề án")
                     r"|de(?!\s+(?:nghi|xuat|an|cuong|tai|ra)\b)"
                     # ("Trong thời gian từ ngày 15/3 đến ngày 30/3, Phòng X tổ chức ...")
                     r"|trong\s+(?:khoang\s+)?th[a-z]{1,2}i\s+gian\s+(?=tu\s+ng)"
                     r"|th[a-z]{1,3}c\s+hi[a-z]{1,2}n|d[a-z]{1,2}i\s+v[a-z]{1,2}i)\b")
# "Thực hiện Đề án ..., Công an tỉnh đã chỉ đạo ...": an opening clause only where a body and
# its verb follow a comma ("1. Thực hiện các văn bản của Đảng, Chính phủ, ..." is the task)
_EXAMPLES = re.compile(r"\bnhu\s")
_LIST_GOES_ON = re.compile(rf"\s*(?:\([^()\n]{{1,40}}\)\s*)?(?:,\s*|\.\.\.|…)(?:[{UPPER}]|,)")
_CARRYING_OUT = re.compile(r"[\s\-+•*]*th[a-z]{1,3}c\s+hi[a-z]{1,2}n\b")


# a verb after a name, not a preposition or a conjunction (`name_enders` has both)
_A_VERB_AFTER = re.compile(rf"(?!\s*(?:ve|de|voi|theo|khi|nham|cho|tu|den|la|va|tren)\b)"
                           rf"{_ENDER_HERE.pattern}")


def _subject_after_opener(context: _Context, start: int, end: int) -> list[Found[str]]:
    """The body right after one of the opening clause's commas, the first that has one."""
    # (and after a topic: "Đối với các lễ hội lớn như A, B, C, UBND các tỉnh phải ..."; a
    # topic its colon closed has its sentence after it: "Đối với X: Giao Ban A, phối hợp B")
    concerning = _CONCERNING.match(context.folded, start, end)
    carrying_out = bool(_CARRYING_OUT.match(context.folded, start, end) or concerning)
    # (a purpose's clause names things too: its body must have a verb after it, not a word
    # that an OCR's "và" folds to)
    purpose = bool(_PURPOSE_OPENS.match(context.folded, start, end))
    if concerning and ":" in context.folded[start : min(end, start + 200)]:
        return []
    scan_end = min(end, start + 200)
    if concerning and (then := _THEN.search(context.folded, start, scan_end)):
        # "Đối với các địa phương chưa lập Đề án thì khẩn trương lập ... và gửi về Bộ A, Bộ
        # B để tổng hợp": after "thì" the main clause, its subject the topic's; a comma
        # there parts what it lists
        scan_end = then.start()
    for comma in re.finditer(",", context.folded[start:scan_end]):
        at = start + comma.end()
        found = match_agency_list(context.text, context.folded, at, end,
                                  named_here=context.addressees)
        # ("... sắp xếp đơn vị hành chính cấp huyện, cấp xã theo ...": a list the clause
        # goes on with, its kind said again, is no subject)
        before = context.folded[max(start, at - 40) : at - 1].split()
        again = bool(found) and len(before) >= 2 and (
            fold_ocr(found[0].value).split()[0] == before[-2])
        # ("... gửi về Bộ Xây dựng, Bộ Kế hoạch và Đầu tư và Bộ Tài chính để tổng hợp": the
        # bodies a clause sends to, one head listed again with no verb after the list; not
        # "Trên cơ sở đề nghị của Sở Xây dựng, Sở Tài chính thẩm định ...")
        again = again or (bool(found) and _same_head_before(context, start, at - 1, found[0])
                          and not _A_VERB_AFTER.match(context.folded, found[-1].end, end))
        # ("... lễ hội lớn như Chùa Hương, Hội Lim, Đền Hùng, ...": an example among those
        # the clause lists after "như", the list going on after it, is no subject)
        again = again or (bool(found) and bool(_EXAMPLES.search(context.folded, start, at))
                          and bool(_LIST_GOES_ON.match(context.text, found[-1].end, end)))
        if found and not again and not context.folded[at : found[0].start].strip() and not (
                carrying_out and not _ENDER_HERE.match(context.folded, found[-1].end, end)
        ) and not (purpose and not _A_VERB_AFTER.match(context.folded, found[-1].end, end)):
            return found
    return []


def _same_head_before(context: _Context, start: int, comma: int, body: Found[str]) -> bool:
    """Whether a body of `body`'s head, capitalised as a name, runs up to the comma before
    it (rule recipients-listed-after-an-opener)."""
    head = fold_ocr(body.value).split()[0]
    since = max(start, comma - 60)
    heads = list(re.finditer(rf"\b{re.escape(head)}\b", context.folded[since:comma]))
    if not heads:
        return False
    at = since + heads[-1].start()
    return context.text[at].isupper() and not re.search(r"[,;.:]", context.folded[at:comma])


_THEN = re.compile(r"\sthi\s")
# "... chủ trì, phối hợp với": helpers after the one who leads ("Phối hợp với A, Sở B chủ trì
# ..." opens with them instead, and Sở B leads)
_HELPING_WITH = re.compile(rf"\bchu tri\s*,?\s*(?:{_HELP})(?: chat che)? voi\s+")


def _last_of_helpers(context: _Context, since: int, body: Found[str]) -> bool:
    """Whether `body` ends the list of bodies after "phối hợp với" ("Bộ A chủ trì, phối hợp
    với Bộ B, Bộ C chịu trách nhiệm ..."): only bodies and commas between."""
    for m in _HELPING_WITH.finditer(context.folded, since, body.start):
        helpers = match_agency_list(context.text, context.folded, m.end(), body.start)
        if helpers and helpers[0].start == m.end() and not context.folded[
                helpers[-1].end : body.start].strip(" ,"):
            return True
    return False


# a case and who answers for it: "Đối với vụ việc ở nơi công tác thì cơ quan, tổ chức, đơn vị
# trực tiếp quản lý người ứng cử có trách nhiệm xác minh ..." (the law's wording)
_THEN_CHARGED = re.compile(r"[^.;:\n]{3,200}?,?\s+thi\s+(?P<who>[^.;:\n]{3,120}?)\s+"
                           r"(?=(?:co|chiu)\s+trach\s+nhiem\b)")


def _charged_for_the_case(context: _Context, at: int, end: int) -> list[Found[str]]:
    """The body "thì" names after a case ("Đối với X thì Y có trách nhiệm ..."), by its name
    or as the kind it is described by (rule a-case-then-who-answers-for-it)."""
    m = _THEN_CHARGED.match(context.folded, at, end)
    if m is None:
        return []
    start, stop = m.span("who")
    if re.search(r"\bduoc\s+giao\b", m["who"]):
        return []  # "thì sở, ban, ngành được giao chủ trì có trách nhiệm": the one the item is of
    named = match_agency_list(context.text, context.folded, start, stop)
    if named and not context.folded[named[-1].end : stop].strip():
        return named
    words = context.folded[start:stop].split()
    if len(words) > 14 or not phrase_at([w.strip(",") for w in words], 0, "group_nouns"):
        return []
    said = " ".join(context.text[start:stop].split())
    return [Found(capitalize_first(said), start, stop, context.text[start:stop], 0.7)]


def _kind_of_body(text: str, folded: str, start: int, colon: int) -> Found[str] | None:
    """A kind of body and what tells it apart, up to a topic's colon: "đơn vị được kiểm
    tra", "doanh nghiệp kinh doanh xăng dầu" (no single body's name)."""
    if colon == -1 or colon - start > 80:
        return None
    words = folded[start:colon].split()
    if not words or not phrase_at(words, 0, "group_nouns") or len(words) > 10:
        return None
    said = " ".join(text[start:colon].split())
    return Found(capitalize_first(said), start, colon, text[start:colon], 0.7)


def _relayed(context: _Context, named: list[Found[str]], end: int, *, asked_up: bool
             ) -> list[Found[str]]:
    """The bodies asked, or those they are asked to have do it: "đề nghị Chủ tịch UBND
    tỉnh chỉ đạo Sở Tài chính chủ trì", "đề nghị UBND tỉnh giao Sở X ...". A body asked
    down the line (not `asked_up`) to direct another ("Giao Chủ tịch UBND huyện X chỉ đạo UBND
    xã Y ...") is given the task and answers for it, as a heading's "Chủ tịch UBND các
    tỉnh: Chỉ đạo Sở X ..." does."""
    relay = _COURTESY_ONLY.match(context.folded, named[-1].end, end) if named else None
    if relay:
        return []  # "... đề nghị đồng chí Chủ tịch UBND tỉnh quan tâm, chỉ đạo.": courtesy
    relay = _RELAY.match(context.folded, named[-1].end, end) if named else None
    if relay and not asked_up and _DIRECTS_ON.search(relay.group()):
        return named
    directed = relay and match_agency_list(context.text, context.folded, relay.end(), end,
                                           named_here=context.addressees)
    if directed and all(_OWN_UNITS.match(fold_ocr(d.value)) for d in directed):
        return named  # "... chỉ đạo các đơn vị trực thuộc ...": its own, still its task
    return directed or named


# A body asked to have another do it: the other one does ("... quan tâm, chỉ đạo Sở X", a
# proposal's "đề nghị UBND tỉnh giao Sở X ...")
# (an adverb may come first: "đề nghị UBND tỉnh sớm / kịp thời chỉ đạo Sở X ...")
_RELAY = re.compile(
    r"[\s,]*(?:(?:som|kip thoi|khan truong)\s+)?(?:quan tam[\s,]*(?:va\s+)?)?"
    rf"(?:{_ASKS})(?:\s+cho)?\s+")


def _asks_up(context: _Context, named: list[Found[str]], verb: int) -> bool:
    """Whether the request at `verb` goes up to whom it names, to have it direct others:
    "kính đề nghị", or to the letter's own addressees ("Kính gửi: UBND tỉnh ... đề nghị
    UBND tỉnh chỉ đạo Sở X"). Down the line ("UBND thành phố đề nghị Phòng GD-ĐT khẩn
    trương chỉ đạo các trường ...") the body named answers for it."""
    if _RESPECTFULLY.search(context.folded, max(0, verb - 8), verb):
        return True
    own = set() if context.reported else {fold_ocr(a) for a in context.addressees}
    return any(fold_ocr(n.value) in own for n in named)


_RESPECTFULLY = re.compile(r"\bkinh\s+$")
_DIRECTS_ON = re.compile(rf"(?:{_DIRECTS})\s+$")
# between the bodies one request names and the next request verb: "... và đề nghị ..."
_ASKS_ON = re.compile(r"[\s,]*+(?:va|dong thoi)\s++")
# units at large of the body asked: "các đơn vị trực thuộc", "các cơ sở khám, chữa bệnh",
# "cơ quan chức năng của Tổng cục", "các phòng liên quan"
_OWN_UNITS = re.compile(
    r"(?:cac )?(?:don vi|co so|bo phan|co quan, don vi|co quan chuc nang|phong)\b")
# what a body asked says before it hands its own units the work: "phải chỉ đạo, phân công"
_OWN_RELAY = re.compile(rf"\s*(?:(?:phai|can)\s+)?(?:{_DIRECTS}|to chuc)?[\s,]*")
# (an OCR may leave a mark after the last full stop: "chỉ đạo.Ñ")
_COURTESY_ONLY = re.compile(
    rf"[\s,]*quan tam[\s,]*(?:(?:va\s+)?(?:{_DIRECTS}))?\W*(?:\S{{1,2}}\s*)?$")
# Courtesy and adverbs between a requester and its verb: "Công an tỉnh kính đề nghị".
_COURTESY = re.compile(rf"(?:\s+(?:kinh|tran trong|{_ADVERBS}))+\s*$")


# A conclusion agrees, then gives: "Đồng ý với các kiến nghị của Bộ X tại văn bản và giao
# Bộ X thông báo ...": the verb after "và" is the issuer's too
_AGREED_AND = re.compile(r"\W*(?:dong y|thong nhat|nhat tri)\b[^;:]*\s(?:va|dong thoi)\s*$")


# A news byline before the sentence, one word and a dash: "Kinhtedothi-", "(NLĐO)-"
_BYLINE = re.compile(r"\s*(?:\([^()\n]{2,20}\)|[a-z0-9.]{2,20})\s*[-–]\s*(?=[a-z])")
# ... and the same day right before who asks, after an opening clause's comma
_DAY_BEFORE = re.compile(rf"\b{_SAID_ON}\s*$")
# the day a report opens with, with no comma after it: "ngày 25/6/2026 Thống đốc ... yêu cầu"
_DAY_OPENS = re.compile(rf"\s*{_SAID_ON}\s*,?\s*")
# A bracketed aside in the lead, passed over: "Chủ tịch Ủy ban nhân dân (UBND) tỉnh ..."
_LEAD_ASIDE = re.compile(r"\([^()\n]{1,30}\)")


def _without_asides(text: str) -> str:
    """`text` with its short bracketed asides blanked (offsets kept)."""
    return _LEAD_ASIDE.sub(lambda m: " " * len(m.group()), text)


def _passive(context: _Context, lead_start: int, verb: int) -> bool:
    """Whether the verb's clause says who gave a task ("nhiệm vụ do UBND tỉnh giao"): "do"
    and a body before the verb (not "do" and a cause: "Để phòng dịch do vi rút Zika gây
    nên, UBND tỉnh yêu cầu ...")."""
    return any(match_agency(context.text, context.folded, m.end(), verb + 1) is not None
               for m in _PASSIVE_AGENT.finditer(context.text, lead_start, verb))


def _requester_leads(context: _Context, lead_start: int, verb: int) -> bool:
    """Whether the clause before a request verb is the issuer asking (`_CLAUSE_LEAD`), its
    council's place or its head's name written after the level or the title."""
    folded = _without_asides(context.folded[lead_start:verb])
    # ("Theo đó UBND tỉnh yêu cầu ...": a connector with no comma after it; a byline
    # glued to its dash: "Kinhtedothi-Phó Chủ tịch ... đề nghị ...")
    for opening in (_CONNECTOR, _BYLINE, _DAY_OPENS, _SPEECH_OPENS):
        if lead := opening.match(folded):
            folded = " " * lead.end() + folded[lead.end() :]
    # ("Thủ tướng Chính phủ Phạm Minh Chính vừa ký Công điện 747/CĐ-TTg ngày 16/8 yêu cầu
    # ...": the text who asks signed or has, with its number and day, asks for it)
    if signed := _SIGNED_TEXT.search(folded):
        folded = folded[: signed.start()]
    if _CLAUSE_LEAD.match(folded) or _AGREED_AND.match(folded):
        return True
    # ("UBND tỉnh ban hành Quyết định ... điều chuyển ... và giao UBND các huyện ...": who
    # asks did a thing of its own first; the verb after "và" is its request too)
    # (who asks named before that verb: a council or a title, not a bare "đồng thời, ...")
    if (then := _AND_THEN.search(folded)) and (first := _FIRST_VERB.search(
            folded, 0, then.start())) and (_LEVEL_WORD.search(folded, 0, first.start())
                                           or _TITLE_HERE.search(folded, 0, first.start())) \
            and not p.REQUEST.search(folded, 0, then.start()) and _requester_leads(
                context, lead_start, lead_start + first.start() + 1):
        return True
    # (a title may stand before its holder's name too: "Phó Thủ tướng Lê Văn An yêu cầu";
    # the adverbs before the verb left out: "huyện Hàm Yên đang tích cực chỉ đạo ...")
    adverbs = _COURTESY.search(folded)
    folded = folded[: adverbs.start()] if adverbs else folded
    text = _without_asides(context.text[lead_start:verb])[: len(folded)]
    # (what the connector or byline blanked in the folded view, blanked here too)
    blank = len(folded) - len(folded.lstrip(" "))
    text = " " * blank + text[blank:]
    # a body the sentences before named, by its head alone: "Ủy ban cũng đề nghị ...",
    # "Bộ yêu cầu ..." (capitalised: "các ban" is no one)
    # (after a purpose's clause too: "Để bản dự thảo hoàn thiện hơn, Sở đề nghị ...")
    purpose = _PURPOSE_CLAUSE.match(folded)
    if (bare := _BARE_HEAD.fullmatch(folded, purpose.end() if purpose else 0)) and text[
            bare.start(1) : bare.start(1) + 1].isupper():
        return True
    # (a verb capitalised is a name's word: "Ban Chỉ đạo 389")
    if _titled_body_leads(context, folded, text, lead_start) or (
            not context.text[verb : verb + 1].isupper()
            and (_NAME_ONLY.match(text) or _a_name_alone(folded, text))):
        return True
    return any(
        _NAMES_BEFORE_VERB.match(text, said.end()) and _CLAUSE_LEAD.match(folded[: said.end()])
        for said in (*_LEVEL_WORD.finditer(folded), *_TITLE_HERE.finditer(folded)))


# a conclusion's opening with no comma before who speaks: "Kết luận tại buổi làm việc Phó
# Chủ tịch UBND huyện [name] đề nghị: ..."
_SPEECH_OPENS = re.compile(
    rf"\W*(?:phat bieu\s+)?(?:ket luan|{_DIRECTS})(?:\s+(?:tai|buoi|cuoc|hoi nghi|phien)[^,;:]*?)?"
    rf"(?=\s+(?:{tolerant('requester_titles')})\b)")
_AND_THEN = re.compile(r"\s(?:va|dong thoi)[\s,]*+$")
# the first verb after who asks: what it did before it asked
_FIRST_VERB = re.compile(rf"\s(?:ban hanh|ky|dieu chuyen|phe duyet|quyet dinh|thanh lap"
                         rf"|cong nhan|(?:{tolerant('name_enders')}))\b")
_SIGNED_TEXT = re.compile(
    rf"\s+(?:(?:{_ADVERBS})\s+)*(?:co|ky|ban hanh)\s+{_ISSUING_TEXT}"
    rf"(?:\s+(?:so\s+)?\S*\d\S*)(?:\s+{_SAID_ON})?\s*$")
_BARE_HEAD = re.compile(rf"\W*((?:{tolerant('table_heads')}|{tolerant('open_heads')}))\s*")
_PURPOSE_CLAUSE = re.compile(r"\W*(?:de|nham)\s[^,;:]{3,160},")
# A name the tables lack, all capitals or capitalised words, opening the clause before the
# verb: a body asks ("EVN HCM cũng yêu cầu ...")
_NAME_ONLY = re.compile(rf"\W*[{UPPER}][^\s,;.:()]*(?:\s+[{UPPER}][^\s,;.:()]*){{0,4}}\s*$")
def _a_name_alone(folded: str, text: str) -> bool:
    """Whether the clause before the verb is a name and nothing else: capitalised first, a
    few words, no verb, number or clause of its own ("Ban Chấp hành Công đoàn cơ sở Văn
    phòng UBND tỉnh yêu cầu ...")."""
    words = folded.split()
    if not text.strip()[:1].isupper() or not 3 <= len(words) <= 12 or re.search(r"[\d,;:]", folded):
        return False
    # (a capitalised word is the name's: "Ban Chấp hành" is no "chấp hành")
    return not any((_ENDER_HERE.match(folded, w.start()) and not text[w.start()].isupper())
                   or p.REQUEST.match(folded, w.start()) for w in re.finditer(r"\S+", folded))


# What may follow who asks before its verb: its head's name, adverbs, the text it asks in
_REQUESTER_TAIL = re.compile(
    rf"(?:\s+(?:{_ADVERBS}|(?:co|ban hanh|ky)\s+{_ISSUING_TEXT}))*\s*$")


def _titled_body_leads(context: _Context, folded: str, text: str, lead_start: int) -> bool:
    """A body's head or leaders ask (`requester_titles` before any body's name, at the
    clause's start or after its opening comma): "Ban Giám đốc Công an tỉnh đã chỉ đạo ...",
    "Lãnh đạo Sở Y tế yêu cầu ...", "Phó Chủ tịch Ủy ban MTTQ tỉnh Lê Văn A đề nghị ..."."""
    for title in _TITLE_HERE.finditer(folded):
        before = folded[: title.start()]
        before = before[: day.start()] if (day := _DAY_BEFORE.search(before)) else before
        if before.strip(" -–") and not re.search(r"(?:,|\s[–-])\s*$", before):
            continue
        # (a title the agency reader does not pass over itself: "Thống đốc Ngân hàng ...")
        body = match_agency(text, folded, title.start(), len(folded)) or match_agency(
            text, folded, _skip_space(folded, title.end(), len(folded)), len(folded))
        if body is None or body.confidence < 0.7:
            continue
        rest = text[body.end :]
        person = _PERSON_AFTER.match(" " + rest.rstrip() + " x") if rest.strip() else None
        after = body.end + (len(person.group()) - 1 if person and _is_head_by_name(
            text, body.end, body.end + len(person.group()) - 1) else 0)
        if _REQUESTER_TAIL.match(folded, after):
            return True
    return False


def _spoke_before(context: _Context, at: int) -> bool:
    """Whether a sentence before `at`, in the 600 characters before it, asks or directs."""
    before = context.folded[max(0, at - 600) : at]
    return bool(p.REQUEST.search(before) or re.search(r"\bchi dao\s", before))


def _directs(context: _Context, lead_start: int, verb: int) -> bool:
    """Whether "chỉ đạo" at `verb` hands a task over: the issuer's head or text says it
    ("Chủ tịch UBND tỉnh chỉ đạo Sở X"), not an item's owner of its own ("- Chỉ đạo các
    nhà thầu ...")."""
    lead = context.folded[lead_start:verb]
    if pair := _DIRECTING_PAIR.search(lead):
        # ("..., ưu tiên quan tâm lãnh đạo, chỉ đạo các cơ quan trực thuộc ...": the pair's
        # first verb is no title; whoever the clause is about directs its own units)
        lead = lead[: pair.start()]
        verb = lead_start + len(lead)
    # ("Ngoài ra, chỉ đạo Sở Tài chính ...": who spoke the sentence before goes on, after a
    # connector, with no subject of its own)
    if (connector := _CONNECTOR.match(lead)) and connector.end() == len(lead) and (
            connector.group().strip(" -+•*")) and _spoke_before(context, lead_start):
        return True
    if _across_provinces(context, verb) and (
            _body_leads(context, lead_start, verb) or _requester_leads(context, lead_start, verb)):
        # "Tổng cục X chỉ đạo Cục X các tỉnh, thành phố ...": bodies of every province are
        # no province's to charge; a national body hands them the task
        return True
    # "UBND các xã, phường chỉ đạo rà soát ...": their own task (an opening clause's "các"
    # is not theirs: "Thực hiện Đề án ... các cơ sở dữ liệu ..., Công an tỉnh đã chỉ đạo")
    subject = lead[lead.rfind(",") + 1 :] if _CARRYING_OUT.match(lead) else lead
    if _A_GROUP.search(subject):
        return False
    if _TITLE_HERE.search(lead) or _ISSUING_TEXT_HERE.search(lead) or _LEVEL_FIRST.match(lead):
        # ("Tỉnh Đồng Nai chỉ đạo ...", "Bộ X có văn bản chỉ đạo Sở Y ...": a body's text)
        return _requester_leads(context, lead_start, verb) or bool(
            _ISSUING_TEXT_HERE.search(lead) and _body_leads(context, lead_start, verb))
    # a council by its level alone ("UBND tỉnh chỉ đạo Sở X"), not a named one ("UBND huyện
    # Đức Trọng chỉ đạo các xã ...": its own task)
    # (the level in the clause's own subject, after an opening clause's comma: "..., ưu tiên
    # quan tâm, chỉ đạo ..." names no council, its "quan" no "quận")
    if _LEVEL_WORD.search(lead, lead.rfind(",") + 1) and _CLAUSE_LEAD.match(lead):
        return True
    # a body the sentence reports having directed ("Bộ Chỉ huy Quân sự tỉnh đã chỉ đạo các
    # cơ quan ...", "Cục X vừa chỉ đạo ..."): a task a directive charges is not said so
    return bool(_REPORTED_ADVERB.search(lead)) and (
        _body_leads(context, lead_start, verb) or _requester_leads(context, lead_start, verb))


def _across_provinces(context: _Context, verb: int) -> bool:
    """Whether whom "chỉ đạo" at `verb` directs are bodies of every province ("Cục Quản lý
    thị trường các tỉnh, thành phố", "ban an toàn giao thông các tỉnh")."""
    directing = _DIRECTING.match(context.folded, verb)
    if directing is None:
        return False
    named = match_agency_list(context.text, context.folded, directing.end(),
                              min(len(context.folded), directing.end() + 200))
    return any(_OF_PROVINCES.search(fold_ocr(n.value)) for n in named[:1])


_OF_PROVINCES = re.compile(r"\bcac tinh\b")
# "đã", "vừa", "mới" right before the verb: what was done, reported
_REPORTED_ADVERB = re.compile(r"\b(?:da|vua|moi)\s*$")


_COUNCILS_GROUP = re.compile(rf"uy ban nhan dan cac (?:{'|'.join(level_tier('district'))})\b")
_LOWER_COUNCILS = re.compile(
    r"(?:(?:chu tich\s+)?(?:uy ban nhan dan|ubnd)\s+)?(?:cac\s+)?"
    rf"(?:{'|'.join(level_tier('commune'))})\b")


def _group_asks_its_own(context: _Context, lead_start: int, verb: re.Match[str]
                        ) -> list[Found[str]]:
    """The councils of a level as a group ("UBND các huyện, thị xã") opening the clause of
    a request to the councils below them ("... yêu cầu UBND xã, phường, thị trấn ..."):
    the group, charged by the text, not who speaks."""
    text, folded = context.text, context.folded
    connector = _CONNECTOR.match(folded, lead_start, verb.start())
    at = _skip_space(folded, connector.end() if connector else lead_start, verb.start())
    group = match_agency_list(text, folded, at, verb.start() + 1)
    if not group or group[0].start > at + 1 or group[-1].end < verb.start() - 1 or not all(
            _COUNCILS_GROUP.match(fold_ocr(g.value)) for g in group[:1]):
        return []
    return group if _LOWER_COUNCILS.match(folded, verb.end()) else []


# a body's head alone, that stands for the one named in full before it: "Cục", "Bộ", "Sở"
_HEAD_ALONE = re.compile(r"(?:bo|so|cuc|tong cuc|chi cuc|vien)\s*")


def _body_leads(context: _Context, lead_start: int, verb: int) -> bool:
    """Whether the clause before a request verb is a body asking ("Bộ Công Thương đề nghị
    UBND các tỉnh ...", "..., kính đề nghị đồng chí Chủ tịch UBND tỉnh chỉ đạo Sở X ...");
    its object is the owner."""
    # (a byline or an abbreviation in brackets is passed over: "(TTXVN) - Bộ Y tế đề nghị")
    folded = context.folded
    # (a lead with no aside keeps the document's own text: the names read in it are
    # remembered about that text, `match_agency`, and another would forget them)
    if (bare := _without_asides(folded[lead_start:verb])) != folded[lead_start:verb]:
        context = replace(context, folded=folded[:lead_start] + bare + folded[verb:])
    lead = context.folded[lead_start:verb].rstrip()
    # "Giám đốc Sở Y tế Lê Văn A đã ký văn bản hỏa tốc đề nghị ...": the text it asks in,
    # and its head by name, stand between the body and its verb
    issued = _ISSUED.search(lead)
    lead = lead[: issued.start()] if issued else lead
    connector = _CONNECTOR.match(lead) or _DAY_OPENS.match(lead)
    opening = lead_start + (connector.end() if connector else 0)
    courtesy = _COURTESY.search(lead)
    end = lead_start + (courtesy.start() if courtesy else len(lead))
    # (after an opening clause: "Căn cứ kết quả kiểm tra, Giám đốc Sở Y tế yêu cầu ...")
    starts = [lead_start, *(r.end() for r in p.REQUEST.finditer(context.folded, lead_start, end)),
              *(lead_start + c.end() for c in re.finditer(r",\s*", lead[: end - lead_start]))]
    for at in starts:
        # read on past the clause: a body the tables need not know ("Đoàn kiểm tra yêu
        # cầu ...") ends where its verb starts
        found = match_agency(context.text, context.folded, at, (end if issued else verb) + 1)
        if found is None and _HEAD_ALONE.fullmatch(context.folded, at, end) and context.text[
                at].isupper() and named_before(context.text, context.folded, at, context.folded[
                at:end].strip()) is not None:
            return True  # "..., Cục đề nghị Sở X ...": the body the text named in full before
        if found is None or found.confidence < 0.6:
            continue
        if found.confidence >= 0.7 and (
                end - 1 <= found.end <= end + 1 or _is_head_by_name(context.text, found.end, end)):
            return True
        # a body whose name the tables know only in part ("Ban Chỉ huy phòng, chống thiên
        # tai tỉnh [có công điện] đề nghị ..."): it opens the clause, and no verb of its own
        # stands between it and the request
        rest = context.folded[found.end : end]
        # (or after an opening clause that names no body: "Ngày 11/1, Cục X Bộ Y tế ...")
        opens = at == opening or match_agency(context.text, context.folded, opening, at) is None
        if opens and found.start == at and len(rest.split()) <= 6 and not (
                _VERBS.search(rest) or p.REQUEST.search(rest)):
            return True
    return False


# a short aside between a request's comma and its object: "chỉ đạo, trong thời gian tới,
# các chủ đầu tư ..." (a few words, no verb of the request's own, then a comma)
_ASIDE_THEN_COMMA = re.compile(r"[^,;.:()\n]{2,40}?,\s*")


# "yêu cầu, khi đoàn kiểm tra có đề nghị thì UBND các huyện ... cử cán bộ": a condition
# before the bodies asked ("thì", not "thị xã", "thi hành", "thi công")
_CONDITION_THEN = re.compile(
    r"\s*(?:,\s*)?(?:khi|neu|trong truong hop|truong hop)\s[^.;:\n]{2,120}?\bthi\s+"
    r"(?!xa\b|tran\b|hanh\b|cong\b|truong\b|diem\b|dua\b|sinh\b)")


def _object_after_condition(context: _Context, at: int, end: int) -> list[Found[str]]:
    """The bodies a request names after the condition it sets: "khi ... thì X ..."."""
    condition = _CONDITION_THEN.match(context.folded, at, end)
    if condition is None:
        return []
    named = match_agency_list(context.text, context.folded, condition.end(), end,
                              named_here=context.addressees)
    return named if named and named[0].start <= condition.end() + 1 else []


def _object_after_aside(context: _Context, at: int, end: int) -> list[Found[str]]:
    """The bodies a request names after a short aside set off by commas."""
    aside = _ASIDE_THEN_COMMA.match(context.folded, at, end)
    if aside is None or len(aside.group().split()) > 6 or p.REQUEST.search(
            context.folded, at, aside.end()):
        return []
    named = match_agency_list(context.text, context.folded, aside.end(), end,
                              named_here=context.addressees)
    return named if named and named[0].start <= aside.end() + 1 else []


# two kinds of body, a comma between, with no "các" before them: "Sở, ban, ngành tỉnh"
_TWO_KINDS = re.compile(
    r"(?:so|ban|nganh|co quan|don vi|dia phuong)\s*,\s*"
    r"(?:ban|nganh|co quan|don vi|dia phuong|doan the)\b")


def _bare_kinds(context: _Context, at: int, end: int) -> list[Found[str]]:
    """A sentence's subject named by kinds without their "các" ("Sở, ban, ngành tỉnh triển
    khai ...", "Thủ trưởng sở, ban, ngành, Chủ tịch UBND cấp huyện ..."): the group, as the
    tables name it with its "các", and the bodies listed after it."""
    text, folded = context.text, context.folded
    at = _skip_space(folded, at, end)
    titled = TITLE_PREFIX.match(folded, at, end)
    start = titled.end() if titled else at
    if not _TWO_KINDS.match(folded, start, end):
        return []
    first = match_organisation(text, folded, start, end, kinds=True)
    if first is None:
        return []
    said = f"Các {first.value[:1].lower()}{first.value[1:]}"
    group, confidence = canonical_agency(said)
    # (a group the tables lack keeps its words as typed; from a text stripped of its marks,
    # as the names' restoration spells them: "Các co quan" is "Các cơ quan")
    stripped = not typed_as_written() and not names_may_be_damaged()
    first = replace(first, value=group if group and (confidence >= 1.0 or stripped) else said)
    return _with_those_listed_after(context, first, end, _LIST_SEP_OR_SEMICOLON)


_LIST_SEP = re.compile(r"\s*(?:,|\bva\b)\s*")
_LIST_SEP_OR_SEMICOLON = re.compile(r"\s*(?:,|;|\bva\b)\s*")


def _with_those_listed_after(context: _Context, first: Found[str], end: int,
                             sep: re.Pattern[str]) -> list[Found[str]]:
    """`first` and the bodies listed after it ("Sở, ban, ngành tỉnh, Công an tỉnh và ...")."""
    after = sep.match(context.folded, first.end, end)
    rest = match_agency_list(context.text, context.folded, after.end(), end,
                             named_here=context.addressees
                             ) if after and after.end() > first.end else []
    return [first, *rest]


# "tổ chức" without "các" is the verb "to organise" ("yêu cầu tổ chức trực ...", "giao
# nhiệm vụ tổ chức lễ ..."), the kind of body only as one of a list of kinds ("yêu cầu tổ
# chức, cá nhân ...", "tổ chức và cá nhân")
_ORGANISE_VERB = re.compile(r"to chuc(?!\s*,|\s+(?:va\s+|hoac\s+)?ca nhan\b)\s+[a-z]")


def _bare_object(context: _Context, at: int, end: int) -> list[Found[str]]:
    """A request's object the lists do not read: a locality by its place ("đề nghị huyện
    Thường Tín rà soát ..."), kinds of body without "các" ("yêu cầu cấp ủy, chính quyền các
    cấp, các sở, ngành ..."), and the bodies listed after them."""
    text, folded = context.text, context.folded
    # ("giao thủ trưởng sở, ngành, ...": the title before the kinds names them)
    titled = TITLE_PREFIX.match(folded, at, end)
    at = titled.end() if titled else at
    first = match_localities(text, folded, at, end, named=True) or match_organisation(
        text, folded, at, end, kinds=True)
    if first is None or (not titled and _ORGANISE_VERB.match(folded, at, end)):
        return []
    # (a title's kinds are a group the tables name with its "các": "thủ trưởng sở, ngành")
    if titled and (group := canonical_agency(f"Các {first.value}"))[1] >= 1.0:
        first = replace(first, value=group[0])
    elif (known := canonical_agency(first.value))[1] >= 1.0:
        first = replace(first, value=known[0])  # "lực lượng công an huyện": Công an huyện
    else:  # ("bộ phận ĐC-XD phường": its abbreviations spelled out, as a table's name's are)
        first = replace(first, value=expand_abbreviations(first.value))
    return _with_those_listed_after(context, first, end, _LIST_SEP)


# "đề nghị Quý Cơ quan triển khai ...": the honoured kind of body no list reads as a name
# ("Quý Sở", "Quý Ủy ban" the lists read); `mentions` makes it the letter's addressees
_HONOURED = re.compile(r"qu[yi]\s+(?:co quan(?:,\s*don vi)?|don vi|dia phuong)\b")


def _honoured_object(context: _Context, at: int, end: int) -> list[Found[str]]:
    """ "Quý cơ quan", "Quý đơn vị" asked, in a letter that has addressees; with none (a
    Sở's page "Sở đề nghị Quý cơ quan ... góp ý ... trước ngày ..."), the bodies at large
    it asks: "Các cơ quan"."""
    m = _HONOURED.match(context.folded, at, end)
    if m is None:
        return []
    raw = context.text[m.start() : m.end()]
    if not context.addressees:
        kinds = raw.split(maxsplit=1)[1]
        return [Found(f"Các {kinds[:1].lower()}{kinds[1:]}", m.start(), m.end(), raw, 0.85)]
    return [Found(raw, m.start(), m.end(), raw, 0.85)]


def _honoured_subject(context: _Context, at: int, end: int) -> list[Found[str]]:
    """ "Quý cơ quan, đơn vị có ý kiến xin gửi về ... trước ngày ...": in a notice with no
    "Kính gửi", the bodies at large it asks to send something in (a letter with addressees
    means them: `_honoured_object`)."""
    m = _HONOURED.match(context.folded, at, end)
    if m is None or context.addressees or not _DELIVERS.search(context.folded, m.end(), end):
        return []
    kinds = context.text[m.start() : m.end()].split(maxsplit=1)[1]
    return [Found(f"Các {kinds[:1].lower()}{kinds[1:]}", m.start(), m.end(),
                  context.text[m.start() : m.end()], 0.85)]


# "đề nghị 4 bộ, ngành nêu trên ...": a group by its count, standing for those named before
_COUNTED_ABOVE = re.compile(
    r"\d{1,3}\s+[a-z ,]{2,40}?\s*(?=(?:neu tren|o tren|tren(?!\s+(?:co so|dia ban|toan|pham vi"
    r"|dia gioi|tuyen)\b))\b)")


def _counted_above(context: _Context, at: int, end: int) -> list[Found[str]]:
    """The bodies "N bộ, ngành nêu trên" stands for, as many as it counts."""
    m = _COUNTED_ABOVE.match(context.folded, at, end)
    if m is None or context.addressees:
        return []
    count = int(m.group().split()[0])
    # the last list before this request that names as many ("... gồm: A, B, C, D")
    for after in [a for a in reversed(_ask_points(context)) if a < at - 2][:3]:
        stop = _CLAUSE_END.search(context.folded, after, at)
        named = match_agency_list(context.text, context.folded, after,
                                  stop.start() if stop else at)
        if len(named) == count:
            # (each as sure, and as written, as where the list named it: a stripped text's
            # name is respelled from its own words)
            return [Found(n.value, m.start(), m.end(), n.raw, n.confidence) for n in named]
    return []


def _skip_space(folded: str, pos: int, end: int) -> int:
    return pos + len(folded[pos:end]) - len(folded[pos:end].lstrip())


def _is_head_by_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a person's name: "Lê Văn A" after "Giám đốc Sở Y tế"."""
    words = text[start:end].split()
    return 2 <= len(words) <= 4 and is_family_name(words[0]) and all(
        w[:1].isupper() for w in words)




_LEVEL_DOT = re.compile(r"(?<![a-z])(?:tp|tx)\.$")


def _clause_start(folded: str, floor: int, pos: int, stops: str = ".;:(\n…") -> int:
    """Where the clause holding `pos` begins: after the last of `stops` (or `floor`), a
    bracket too: "... trên sàn thương mại điện tử (Sở Công Thương chủ trì; ...)"; a bracket
    closed before `pos` is an aside inside the clause ("Ủy ban nhân dân (UBND) tỉnh ...")."""
    at = max(floor, *(folded.rfind(c, floor, pos) + 1 for c in stops.replace("(", "")))
    # a full stop inside a number or a word ends no clause: "ngày 11.1,", "(Chinhphu.vn)"
    # ("1.2.Sở Y tế": an item's number ends before the text)
    # ("UBND TP. Nha Trang vừa ...": a level abbreviated with its dot ends no clause)
    while "." in stops and at > floor + 1 and folded[at - 1] == "." and at < pos and (
            folded[at].isdigit() or (folded[at].isalpha() and folded[at - 2].isalpha())
            or _LEVEL_DOT.search(folded, max(floor, at - 4), at)):
        at = max(floor, *(folded.rfind(c, floor, at - 1) + 1 for c in stops.replace("(", "")))
    bracket = folded.rfind("(", at, pos) + 1 if "(" in stops else 0
    return bracket if bracket and folded.find(")", bracket, pos) == -1 else at


def _agency_ending_at(context: _Context, end: int, floor: int) -> list[Found[str]]:
    """The agency whose name ends right before `end` ("..., Sở Tư pháp chủ trì")."""
    words = list(re.finditer(r"[a-z0-9&]+", context.folded[max(floor, end - 80) : end]))
    base = max(floor, end - 80)
    for word in words[-10:]:
        found = match_agency(context.text, context.folded, base + word.start(), end)
        if found and found.end >= end - 2:
            return [found]
    return []


def _co_owners(context: _Context, start: int, end: int) -> list[Found[str]]:
    co: list[Found[str]] = []
    for m in [*_SPAN_COOWNER.finditer(context.folded, start, end),
              *_SPAN_COOWNER_LABEL.finditer(context.folded, start, end)]:
        co += tagged(match_agency_list(context.text, context.folded, m.end(), end,
                                       named_here=context.addressees), "co-owner")
    return _unique(co)


def _unique(found: list[Found[str]]) -> list[Found[str]]:
    seen, out = set(), []
    for item in found:
        if item.value and item.value not in seen:
            seen.add(item.value)
            out.append(item)
    return out


def _tasks_of(
    node: Node, start: int, owners: list[Found[str]], context: _Context
) -> list[RawTask]:
    end = node.end
    text = collapse_spaces(context.text[start:end].replace("**", ""))
    if not text:
        return []
    deadlines = find_deadlines(context.folded[start:end], year=context.year)
    co_owners = _co_owners(context, start, end)
    owner_names = {o.value for o in owners}
    co_owners = [c for c in co_owners if c.value not in owner_names]
    # (a later clause's own subject may still hold that clause's date: "Sở Y tế kiểm tra
    # ...; Sở Tài chính thẩm định ... trước ngày ...")
    owner_names = {o.value for o in owners if o.rule != "subject-of-a-later-clause"}
    parent = node.parent.id if node.parent is not None and node.parent.id else None
    dated = [d for d in deadlines if d.date is not None] or deadlines[:1]
    if len(dated) <= 1:
        deadline = _shift(dated[0], start) if dated else None
        if deadline is not None:
            stops = [m.start() for m in _CLAUSE_END.finditer(context.folded, start, end)]
            clause_start, clause_end = _clause_among(stops, start, end, dated[0])
            sentence = _dated_sentence_owners(context, start, deadline)
            # the date is another body's: a purpose's ("... chuyển ngay hồ sơ để đảm bảo thời
            # gian UBND phường X hoàn thành ... trong tháng 4/2026"), or a later clause's that
            # names its own ("Sở Y tế kiểm tra ...; Sở Tài chính thẩm định ... trước ngày ...")
            # ("...; Ngày 12/3/2026, các thôn hoàn thành ...": the body after the day, first)
            holder = (_span_owners(context, clause_start, clause_end)
                      if deadline.rule == "day-it-is-done" else []) or _purpose_owner(
                context, start, deadline) or (
                [o for o in _span_owners(context, clause_start, clause_end)
                 if (o.confidence >= 0.7 or _named_in_full(o)) and o.value not in owner_names]
                if owners and not sentence and clause_start > start else [])
            if holder:
                clause = re.sub(r"\s+", " ", context.text[clause_start:clause_end]).strip(" ;.")
                first = RawTask(node.id, text, start, end, owners, co_owners, None, parent)
                return [first, RawTask(f"{node.id}#2", clause, clause_start, clause_end, holder,
                                       [], deadline, parent), *_later_sentences(context, first)]
            if sentence and owners and not {o.value for o in sentence} & owner_names:
                # "Huyện yêu cầu các cơ quan chuyên môn chuẩn bị ... Các xã rà soát ... trước
                # ngày 30/8": the later sentence's date is its own body's; the first keeps its
                begin = min(o.start for o in sentence)
                first = RawTask(node.id, text, start, end, owners, co_owners, None, parent)
                later = re.sub(r"\s+", " ", context.text[begin:end]).strip(" ;.")
                return [first, RawTask(f"{node.id}#2", later, begin, end, sentence, [],
                                       deadline, parent)]
            # (bodies a request named: a guessed subject, "Chủ tịch UBND huyện tiếp công dân
            # ...", is no charge)
            earlier = [o for o in owners if sentence and o.rule == "request-object"
                       and o.end <= min(a.start for a in sentence)
                       and o.value not in {a.value for a in sentence}
                       and _SENTENCE_START.search(context.text, o.end, min(
                           a.start for a in sentence) + 1)]
            if earlier:
                # "UBND tỉnh yêu cầu các cơ quan, đơn vị triển khai ... Giao Sở X tổng hợp,
                # báo cáo trước ngày ...": the sentence before keeps its bodies, undated
                begin = min(o.start for o in sentence)
                # (the first task starts where its sentence does: "Theo đó, UBND tỉnh yêu cầu
                # các cơ quan, đơn vị ..." after a headline is no summary of it)
                opens = [m.end() for m in _SENTENCE_START.finditer(
                    context.text, start, min(o.start for o in earlier) + 1)]
                first = RawTask(node.id, text, opens[-1] if opens else start, end, earlier,
                                co_owners, None, parent)
                later = re.sub(r"\s+", " ", context.text[begin:end]).strip(" ;.")
                # (the sentences between give theirs: "Công an tỉnh thực hiện nghiêm ...")
                return [first, RawTask(f"{node.id}#2", later, begin, end, sentence, [],
                                       deadline, parent),
                        *_later_sentences(context, replace(first, owners=owners), taken=2)]
            # "Định kỳ ..., các cơ quan báo cáo về Sở Tài chính; Sở Tài chính tổng hợp, ...
            # trước ngày 05/12/2025": the clause holding the date names who
            owners = sentence or owners or _span_owners(context, clause_start, clause_end)
            # "... hoàn thành công trình trong năm 2026. Chủ tịch UBND tỉnh yêu cầu các đơn vị
            # liên quan triển khai thực hiện.": a body a later sentence names has no part in
            # the date before it
            later = _after_the_dated_sentence(context, owners, deadline, end)
            if later and len(later) < len(owners):
                kept = [o for o in owners if o not in later]
                first = RawTask(node.id, text, start, end, kept, co_owners, deadline, parent)
                begin = min(o.start for o in later)
                rest = re.sub(r"\s+", " ", context.text[begin:end]).strip(" ;.")
                second = RawTask(f"{node.id}#2", rest, begin, end, later, [], None, parent)
                # (its own later sentences may charge others still: "... Các sở, ban, ngành
                # là thành viên Ban Chỉ huy phối hợp tham gia khắc phục hậu quả.")
                return [first, second,
                        *_later_sentences(context, replace(second, id=node.id), taken=2)]
        task = RawTask(node.id, text, start, end, owners, co_owners, deadline, parent)
        later = _later_sentences(context, task)
        if deadline is not None and not owners and later and _time_said_apart(
                context, start, deadline):
            # "2.5. Bước 5: Thẩm định kinh phí. / Trên cơ sở đề nghị của Sở X, Sở Tài chính
            # thẩm định ... / Thời gian hoàn tất: trước ngày 15/10/2026.": the step's title
            # names no body; the bodies its sentences charge have the step's time
            return [replace(task, owners=_unique([o for t in later for o in t.owners]))]
        return [task, *later]
    tasks = []
    # the clause ends, found once: each deadline's clause is looked up among them
    stops = [m.start() for m in _CLAUSE_END.finditer(context.folded, start, end)]
    # ("Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện ... gửi về ... trước ngày A;
    # ... trước ngày B": a semicolon between the bodies the sentence opens with parts no
    # clause)
    subjects = sorted((o for o in owners if o.rule == "subject"), key=lambda o: o.start)
    stops = [stop for stop in stops if not any(
        a.end <= stop < b.start for a, b in itertools.pairwise(subjects))]
    for number, deadline in enumerate(dated, 1):
        clause_start, clause_end = _clause_among(stops, start, end, deadline)
        clause = re.sub(r"\s+", " ", context.text[clause_start:clause_end]).strip(" ;.")
        task_id = node.id if number == 1 else f"{node.id}#{number}"
        # "Các bệnh viện gửi trước ngày 10/5; Trung tâm Y tế gửi trước ngày 15/5": each
        # clause that names its own owner keeps it
        # ("... gửi về Sở Nội vụ trước ngày 10/5 để Sở tổng hợp, báo cáo UBND tỉnh trước
        # ngày 15/5": the later date is the purpose's, the body it names or sends to)
        shifted = _shift(deadline, start)
        own = _purpose_owner(context, start, shifted) or _purpose_recipient(
            context, clause_start, shifted) or _span_owners(
            context, clause_start, clause_end) or _of_the_sentence(
            context, owners, start, clause_start) or _sentence_subject(
            context, start, clause_start) or owners
        tasks.append(RawTask(task_id, clause, clause_start, clause_end, own, co_owners,
                             _shift(deadline, start), parent))
    # "...; Công an tỉnh chỉ đạo lực lượng chức năng ...; UBND các xã ... trước ngày ...":
    # a clause between the dated ones that gives its own body a task
    bounds = [start, *(stop + 1 for stop in stops), end]
    taken = sorted((t.start, t.end) for t in tasks)
    undated = [(a, b) for a, b in itertools.pairwise(bounds) if not _overlaps(taken, a, b)]
    return tasks + _own_tasks(context, undated, tasks[0], {o.value for t in tasks
                                                           for o in t.owners}, len(tasks))


_FOR_THOSE_BELOW = re.compile(r"\bcac (?:co quan|don vi)(?:, (?:don vi|dia phuong))* sau\b.*:\s*$")
# (a line is a paragraph where lines are whole paragraphs; a PDF's lines wrap sentences)
_SENTENCE_OR_LINE = re.compile(r"\.\s+|\n")
_SENTENCE_OR_BLANK = re.compile(r"\.\s+|\n\s*\n")


def _of_the_sentence(context: _Context, owners: list[Found[str]], start: int, clause: int
                     ) -> list[Found[str]]:
    """The owners named in the sentence (or the paragraph's line) a clause belongs to:
    "Giao Sở A chủ trì ...; báo cáo trước ngày X.\nGiao Sở B ..." gives X to Sở A."""
    pattern = _SENTENCE_OR_LINE if context.paragraphs else _SENTENCE_OR_BLANK
    breaks = [m.end() for m in pattern.finditer(context.text, start, clause)]
    since = breaks[-1] if breaks else start
    return [o for o in owners if since <= o.start < clause]


def _sentence_subject(context: _Context, start: int, clause: int) -> list[Found[str]]:
    """The body a later sentence opens with, for the clauses after its semicolon: "UBND
    các huyện ... trước ngày 28/10. Riêng UBND huyện X hoàn thiện ...; gửi hồ sơ trước
    ngày 25/10" gives 25/10 to huyện X, not to the paragraph's first owners."""
    breaks = [m.end() for m in _SENTENCE_START.finditer(context.text, start, clause)]
    if not breaks:
        return []
    return [o for o in _span_owners(context, breaks[-1], clause)
            if o.confidence >= 0.7 or _named_in_full(o)]


_PURPOSE = re.compile(
    r"\b(?:de|nham)\s+(?:(?:dam bao|bao dam|kip)\s+)?(?:(?:thoi gian|tien do)\s+)?(?:cho\s+)?")


def _purpose_owner(context: _Context, start: int, deadline: DeadlineMatch) -> list[Found[str]]:
    """The body a purpose clause names as its subject before the task's date, in the
    date's clause: "để đảm bảo thời gian UBND phường X hoàn thành ... trong tháng 4"."""
    at = deadline.start  # (shifted into the document)
    clause = _clause_start(context.folded, start, at, ".;:\n")
    for m in _PURPOSE.finditer(context.folded, clause, at):
        body = match_agency(context.text, context.folded, m.end(), at)
        if body is not None and body.start == m.end() and body.confidence >= 0.7:
            return tagged([body], "purpose-subject")
    return []


# what a report is sent to: "gửi (báo cáo) về Sở Nội vụ", "nộp cho Phòng Tài chính"
_REPORT_SENT_TO = re.compile(
    r"\b(?:gui|nop|chuyen)\b[^.;:]{0,60}?\b(?:ve|cho|toi|den)\s+(?:\(qua\s+)?")
# a purpose with no body of its own, or one said by its head alone ("để Sở tổng hợp, ...")
_BARE_PURPOSE = re.compile(
    r"(?:(?P<head>so|phong|ban|cuc|chi cuc|trung tam|van phong|bo|uy ban)\s+)?"
    r"(?=(?:tong hop|bao cao|tham dinh|trinh|xem xet|theo doi|kiem tra|to chuc|xu ly"
    r"|giai quyet)\b)")


def _purpose_recipient(context: _Context, clause: int, deadline: DeadlineMatch
                       ) -> list[Found[str]]:
    """The body a report is sent to, for the date of the purpose after it: "... gửi về Sở
    Nội vụ trước ngày 10/5 để (Sở) tổng hợp, báo cáo UBND tỉnh trước ngày 15/5"."""
    at = deadline.start
    purposes = [m for m in _PURPOSE.finditer(context.folded, clause, at)
                if _BARE_PURPOSE.match(context.folded, m.end(), at) is not None]
    if not purposes:
        return []
    purpose = purposes[-1]
    head = _BARE_PURPOSE.match(context.folded, purpose.end(), at)["head"]
    sent = [m for m in _REPORT_SENT_TO.finditer(context.folded, clause, purpose.start())]
    if not sent:
        return []
    body = match_agency(context.text, context.folded, sent[-1].end(), purpose.start())
    if body is None or body.confidence < 0.7 or (
            head and not fold_ocr(body.value).startswith(head + " ")):
        return []
    return tagged([body], "purpose-subject")


def _due_for_those_below(context: _Context, start: int, end: int) -> DeadlineMatch | None:
    """ "đề nghị các cơ quan sau ... gửi trước ngày 25/12/2025:" / "- Văn phòng UBND tỉnh:
    ...": the paragraph's one date is each listed body's; the paragraph names no one."""
    if not _FOR_THOSE_BELOW.search(context.folded, start, end):
        return None
    dated = [d for d in find_deadlines(context.folded[start:end], year=context.year) if d.date]
    return _shift(dated[0], start) if len(dated) == 1 else None


# (quoted speech too: "Bộ trưởng nhấn mạnh: “Cục X phải rà soát ...")
_SENTENCE_START = re.compile(rf"(?:\.\s+|:\s*[“\"]\s*)(?=[{UPPER}])")
# what who speaks stresses opens a sentence of its own: "... nhấn mạnh: Các cấp Hội ... cần"
_SPEECH_COLON = needing(gated(re.compile(r"\b(?:nhan manh|luu y|ket luan|khang dinh)\s*:\s*")),
                        char=":")


def _after_the_dated_sentence(context: _Context, owners: list[Found[str]],
                              deadline: DeadlineMatch, end: int) -> list[Found[str]]:
    """The owners named in the sentences after the one that holds the date."""
    after = _SENTENCE_START.search(context.text, deadline.end, end)
    if after is None:
        return []
    # (the same body named again, shorter or longer, is the dated one: "các cơ sở đào tạo
    # [tổ chức xét tuyển] ... Các cơ sở đào tạo có trách nhiệm ...")
    before = [fold_ocr(o.value) for o in owners if o.start < after.end()]
    return [o for o in owners if o.start >= after.end() and not any(
        b.startswith(fold_ocr(o.value)) or fold_ocr(o.value).startswith(b) for b in before)]


def _dated_sentence_owners(
    context: _Context, start: int, deadline: DeadlineMatch
) -> list[Found[str]]:
    """Owners named by a later sentence that holds the date: "Thủ trưởng các sở ... chịu
    trách nhiệm triển khai. Giao Sở Tài chính theo dõi, báo cáo trước ngày 15/12/2025"."""
    starts = list(_SENTENCE_START.finditer(context.text, start, deadline.start))
    if not starts:
        return []
    return _span_owners(context, starts[-1].end(), deadline.start)


def _later_sentences(context: _Context, task: RawTask, taken: int = 1) -> list[RawTask]:
    """Later sentences that give a body of their own a task: "Sở Y tế rà soát ..., gửi
    trước ngày 20/11/2025. Sở Nội vụ tham mưu bố trí trụ sở ..." (the date is not theirs)."""
    starts = sorted({m.end() for m in _SENTENCE_START.finditer(context.text, task.start,
                                                              task.end)}
                    | {m.end() for m in _SPEECH_COLON.finditer(context.folded, task.start, task.end)
                       if context.text[m.end() : m.end() + 1].isupper()})
    spans = [(a, b) for a, b in zip(starts, [*starts[1:], task.end], strict=False)
             if task.deadline is None or not a <= task.deadline.start < b]
    return _own_tasks(context, spans, task, {o.value for o in task.owners}, taken)


def _own_tasks(
    context: _Context, spans: list[tuple[int, int]], task: RawTask, named: set[str], taken: int
) -> list[RawTask]:
    """Undated tasks of the spans (sentences, clauses) of `task` that name bodies of their
    own; numbered on from `taken`."""
    out = []
    # ("Tại cuộc họp, lãnh đạo Phòng X báo cáo ... Phòng Y báo cáo kết quả ...": a meeting's
    # account; who reported there is given no task by it)
    meeting = bool(_MEETING_OPENS.match(context.folded, task.start, task.end))
    for begin, end in spans:
        if not _may_name_a_body(context, begin, end) or _is_notice(context.folded, begin, end):
            continue
        # names the tables know: a sentence's subject guessed by its head ("Tổ công tác
        # tự giải thể ...") is too often no body with a task
        # and a body, not "các cơ quan, đơn vị" at large, which a closing sentence addresses
        # (a group of kinds or localities is named as such: "Các xã, thị trấn rà soát ...")
        # (or a group that leads by its verb: "Thủ trưởng các cơ sở giáo dục chịu trách
        # nhiệm kiểm tra ...")
        owners = [o for o in _span_owners(context, begin, end)
                  if o.value not in named and (o.confidence >= 0.9 or _named_in_full(o)
                                               or o.rule == "team-named-as-set-up"
                                               or _A_GROUP_NAMED.match(o.value)
                                               # ("Đối với các ban ..., tập trung ...")
                                               or _CONCERNING.fullmatch(context.folded, begin,
                                                                        o.start)
                                               # (whom a request names: "... giao chủ đầu
                                               # tư xử lý ...")
                                               or o.rule == "request-object"
                                               or _LEADS.match(context.folded, o.end, end)
                                               or _OBLIGED.match(context.folded, o.end, end)
                                               or _HANDS_IN.match(context.folded, o.end, end)
                                               # ("Ban Chỉ đạo các huyện chỉ đạo các xã
                                               # tổ chức ...": a group's own direction)
                                               or (_DIRECTED_AFTER.match(context.folded, o.end,
                                                                         end)
                                                   and _A_GROUP.search(context.folded, o.start,
                                                                       o.end) is not None
                                                   and not _directs(context, begin,
                                                                    o.end + 1)))
                  and (fold_ocr(o.value) not in _AT_LARGE
                       or _HANDS_IN.match(context.folded, o.end, end)
                       or _DELIVERS.search(context.folded, o.end, end))]
        if meeting and owners and _REPORTED_THERE.match(context.folded, owners[-1].end, end) \
                and not find_deadlines(context.folded[begin:end], year=context.year):
            continue
        # "Các cơ quan, đơn vị phối hợp chặt chẽ với Sở X": they help the task, lead none
        # ("Sở Nội vụ phối hợp với Công an tỉnh tham mưu ...": it helps no one, it leads)
        if owners and not _helps_only(context, owners[-1].end, end):
            named.update(o.value for o in owners)
            text = re.sub(r"\s+", " ", context.text[begin:end]).strip(" ;.")
            out.append(RawTask(f"{task.id}#{taken + len(out) + 1}", text, begin, end, owners,
                               parent=task.parent))
    return out


def _helps_only(context: _Context, at: int, end: int) -> bool:
    """Whether the bodies before `at` only help ("Các cơ quan, đơn vị phối hợp chặt chẽ với
    Sở X"), not lead a task of their own with their partner ("Sở Nội vụ phối hợp với Công an
    tỉnh tham mưu ..."): after whom they work with, no verb of their own."""
    helping = _COOPERATES.match(context.folded, at, end)
    if helping is None:
        return False
    partner_at = _WITH.match(context.folded, helping.end(), end)
    partners = match_agency_list(context.text, context.folded, partner_at.end(), end) if \
        partner_at else []
    if not (partners and partners[0].start == partner_at.end()):
        return True
    # (its verb after the partners, a few more of them in lower case between: "... phối hợp
    # với Công an tỉnh, ban chỉ đạo cấp huyện phát động ..."; not a purpose's "để")
    rest = context.folded[partners[-1].end : min(end, partners[-1].end + 60)]
    verb = _OWN_VERB_AFTER.match(rest)
    return verb is None


_WITH = re.compile(r"\s*(?:v[a-z]{1,2}i|cung)\s+")
# (a clause of its own may come first: "..., ban chỉ đạo cấp huyện phát động ...")
_OWN_VERB_AFTER = re.compile(rf"(?:\s*,\s*[a-z][^.;:,()]{{0,40}}?)?{_A_VERB_AFTER.pattern}")


_MEETING_OPENS = re.compile(r"\W*tai\s+(?:cuoc\s+hop|hoi\s+nghi|buoi\s+lam\s+viec|phien\s+hop)\b")
_REPORTED_THERE = re.compile(r"\s*(?:(?:da|cung)\s+)?(?:bao\s+cao|trinh\s+bay|thong\s+tin)\b")


# bodies at large asked for something to send in ("Theo đó các cơ quan, đơn vị liên quan
# tổng hợp danh sách gửi về Phòng Y tế ...") have a task of their own, unlike a closing
# sentence's "Các cơ quan, đơn vị liên quan phối hợp thực hiện"
_DELIVERS = re.compile(r"\bgui\s+(?:ve|den|toi)\b")
# localities by their level: "Các xã, thị trấn", "18 xã, thị trấn" (`match_localities`)
# a body a sentence obliges: "Tổng cục Đường bộ phải ...", "... cần kiểm tra ngay"
# ("Tổ công tác có nhiệm vụ theo dõi ...": its duty stated; not "... chịu trách nhiệm thi
# hành Quyết định này", nor to whom it answers, "chịu trách nhiệm trước ...")
_OBLIGED = re.compile(r"\s*(?:(?:phai|can)\s+(?!co\b|thiet\b)"
                      r"|(?:co|chiu)\s+trach\s+nhiem\b(?!\s+(?:thi\s+hanh|truoc)\b)"
                      r"|co\s+nhiem\s+vu\b"
                      # (what it will do: "Ban Chỉ đạo thành phố sẽ kiểm tra ...", not what
                      # it will be given or suffer, "... sẽ được hỗ trợ", "sẽ bị xử lý")
                      r"|se\s+(?!duoc\b|bi\b|co\b|la\b|khong\b)[a-z]+)")
_A_GROUP_NAMED = re.compile(rf"(?:Các|\d+) (?:{'|'.join(sorted(set(p.LEVELS.values())))})\b")


def _named_in_full(found: Found[str]) -> bool:
    """A body the tables need not know, named by its head and a proper name ("Tập đoàn
    Công nghiệp Than - Khoáng sản Việt Nam", "Tổng công ty Đông Bắc"): no bare head."""
    words = found.value.split()
    # (garbled, only a name whose every word is a syllable: a capitalised run of an OCR's
    # damage is no name; one the tables or the restorer read is)
    return len(words) >= 3 and sum(w[:1].isupper() for w in words[1:]) >= 2 and (
        not names_may_be_damaged() or all(
            looks_like_syllable(w) for w in re.findall(r"[^\W\d_]+", found.value)))


def _may_name_a_body(context: _Context, begin: int, end: int) -> bool:
    """A cheap look before `_span_owners`: the span opens with a name's first word, or
    hands a task over ("giao", "chủ trì")."""
    connector = _CONNECTOR.match(context.folded, begin, end)  # "Do đó, Sở X ..."
    begin = connector.end() if connector else begin
    # ("Để thực hiện tốt nhiệm vụ, các cấp Hội ... cần ...": the body after a purpose)
    if _PURPOSE_OPENS.match(context.folded, begin, end) and (
            comma := context.folded.find(",", begin, min(end, begin + 120))) != -1:
        begin = comma + 1
    first = re.search(r"[a-z]+", context.folded[begin : min(end, begin + 30)])
    # ("Sau khi kiểm tra, UBND các xã lập danh sách ...": the body after an opening clause,
    # which `_span_owners` reads)
    return bool(first and could_start_a_name(first.group())) or bool(
        _OPENER.match(context.folded, begin, end)) or bool(
        _LEADS.search(context.folded, begin, end) or p.REQUEST.search(context.folded, begin, end))


def _shift(deadline: DeadlineMatch, offset: int) -> DeadlineMatch:
    return replace(deadline, start=deadline.start + offset, end=deadline.end + offset)


def _clause_among(stops: list[int], start: int, end: int, deadline: DeadlineMatch
                  ) -> tuple[int, int]:
    """The clause around a deadline (offsets from `start`) among the clause ends `stops`."""
    k = bisect.bisect_left(stops, start + deadline.start)
    left = stops[k - 1] + 1 if k else start
    after = bisect.bisect_left(stops, start + deadline.end)
    return left, stops[after] if after < len(stops) else end


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether any of the sorted, disjoint `spans` overlaps [a, b)."""
    k = bisect.bisect_left(spans, (b,))
    return k > 0 and spans[k - 1][1] > a
