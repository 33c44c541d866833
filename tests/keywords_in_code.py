"""Vietnamese keywords spelled in the extractor's code that the vocabulary declares.

A keyword class is declared once, in vanban/data/vocabulary.toml; a rule reads it through
`vocabulary.tolerant` / `phrases` / `phrase_at`. This finds where code spells a class's
phrase again in a string (a regular expression over the folded text, a set of words), as
written ("de nghi") or loosened for an OCR ("ph[a-z]{1,2}i h[a-z]{1,2}p"): each such place
is a second declaration unless `ALLOWED` gives the reason it is not one.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from vanban.extract.vocabulary import phrases

EXTRACT = Path(__file__).resolve().parents[1] / "vanban" / "extract"

# The classes whose words are keywords a rule turns on (who asks, who leads or helps, the
# texts, the levels, titles, labels' words); the open lists of heads and of the verbs that
# end a name are spelled in the name readers' grammar too and are not checked here, nor
# `label_bodies` ("cơ quan", "đơn vị": every group of bodies is said with them).
CHECKED = (
    "request_verbs", "asking_verbs", "directing_verbs", "lead_verbs", "help_verbs",
    "agent_duties", "handing_in_verbs", "issuing_texts", "text_kinds", "level_words",
    "requester_titles", "appointed_roles", "sentence_connectors", "region_qualifiers",
    "party_committees",
    "anyone_at_all", "generic_bodies", "bodies_at_large", "groups_at_large",
)

# A word run of a pattern: letters and spaces, `\s`, and a letter class with its count
# ("[a-z]{1,2}", "[dđbp]"), as rules loosen a word for an OCR.
_RUN = re.compile(r"(?:[a-z ]|\\s[+*]?|\[[a-zđ&-]+\](?:\{\d*,?\d*\}|[?*+])?"
                  r"|(?<=[a-z\]])\{\d*,?\d*\}|(?<=[a-z\]])\?)+")
_WORD = re.compile(r"(?:[a-z]|\[[a-zđ&-]+\](?:\{\d*,?\d*\}|[?*+])?|\{\d*,?\d*\}|\?)+")


def _words_of_runs(literal: str) -> list[list[str]]:
    runs = []
    for m in _RUN.finditer(literal):
        run = re.sub(r"\\s[+*]?", " ", m.group())
        runs.append([w for w in _WORD.findall(run) if re.search(r"[a-z\[]", w)])
    return runs


def spelled(literal: str, by_size: dict[int, set[str]]) -> set[str]:
    """The folded phrases of `by_size` (phrases by their number of words) that a string of
    code spells: a run of its words matches the phrase whole. A phrase of one word counts
    only as a whole run ("huyen" in "(?:tinh|huyen)", not the "quan" of "co quan"), and a
    word of fewer than four letters alone not at all ("ba", "ong", "xa" say too little);
    a run spells a phrase whose letters it writes out at least half of."""
    found = set()
    for words in _words_of_runs(literal):
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 6) + 1):
                if j - i == 1 and len(words) > 1:
                    continue
                try:
                    pattern = re.compile(" ".join(words[i:j]))
                except re.error:
                    continue
                # (at least half the phrase's letters written out: "[a-z]+" spells no word)
                written = len(re.sub(r"\[[^\]]*\]|\{[^}]*\}|[^a-z]", "", "".join(words[i:j])))
                found |= {phrase for phrase in by_size.get(j - i, ())
                          if (j - i > 1 or len(phrase) >= 4) and pattern.fullmatch(phrase)
                          and 2 * written >= len(phrase.replace(" ", ""))}
    return found


def _strings(top: ast.stmt) -> list[str]:
    # every string of a top-level statement but its docstrings
    docs = {id(node.body[0].value) for node in ast.walk(top)
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.body
            and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(top)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs]


def _name(top: ast.stmt) -> str | None:
    if isinstance(top, ast.Assign) and isinstance(top.targets[0], ast.Name):
        return top.targets[0].id
    if isinstance(top, ast.AnnAssign) and isinstance(top.target, ast.Name):
        return top.target.id
    if isinstance(top, ast.FunctionDef | ast.ClassDef):
        return f"{top.name}()"
    return None


def keywords_in_code(folder: Path = EXTRACT, classes: tuple[str, ...] = CHECKED
                     ) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(file, top-level name) → class → the class's phrases its strings spell."""
    by_size: dict[int, set[str]] = defaultdict(set)
    classes_of: dict[str, set[str]] = defaultdict(set)
    for name in classes:
        for phrase in phrases(name):
            by_size[len(phrase)].add(" ".join(phrase))
            classes_of[" ".join(phrase)].add(name)
    out: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source in sorted(folder.glob("*.py")):
        if source.name == "vocabulary.py":
            continue
        for top in ast.parse(source.read_text(encoding="utf-8")).body:
            if (name := _name(top)) is None:
                continue
            for literal in _strings(top):
                for phrase in spelled(literal, by_size):
                    for cls in classes_of[phrase]:
                        out[(source.name, name)][cls].add(phrase)
    return {key: dict(found) for key, found in out.items()}


# Where code spells a class's word on purpose, and why it is no second declaration: the
# word in another sense or role than the class's, or a fixed phrase the rule is made of.
ALLOWED: dict[tuple[str, str], str] = {
    ("agency_phrases.py", "match_localities()"):
        "'phuong' to tell 'phương' (a way) from the ward level 'phường' it folds as",
    ("agency_phrases.py", "_a_way_not_a_ward()"):
        "'phương' (a way) told from the ward level 'phường' it folds as, by its marks",
    ("provinces_named.py", "_LEVEL"):
        "the two province tiers only ('tỉnh', 'thành phố') a list of provinces is named by",
    ("provinces_named.py", "_WRITTEN"):
        "the two province tiers as an owner's name writes them ('Tỉnh X', 'Thành phố Y')",
    ("header.py", "_BOX_FIELD"):
        "'Cơ quan:' a signing box's field label, OCR-loose; not the level word 'quận'",
    ("agency_phrases.py", "_COMRADES"):
        "'các đồng chí' addressing persons before their titles, no honorific of who asks",
    ("agency_phrases.py", "_MINISTERS"):
        "'Thủ trưởng cơ quan thuộc Chính phủ': part of a kind of body's fixed name",
    ("agency_phrases.py", "_HEADED"): "'cơ quan thuộc Chính phủ', a kind of body's fixed name",
    ("agency_phrases.py", "_ministers()"): "'cơ quan thuộc Chính phủ', as `_HEADED`",
    ("tasks.py", "_INFORMED"):
        "'thông báo cho X' / 'trả lời để X', the verb that informs, not a kind of text",
    ("deadlines.py", "_DUTY_RUNS"): "'từ nay' opens a period of duty (a time), no connector",
    ("deadlines.py", "_QUALIFIES_A_THING"):
        "'kế hoạch' as the plan's target a date qualifies, not the kind of a text",
    ("deadlines.py", "_RULES"): "'đảm bảo trước ngày': the deadline phrase, no agent's duty",
    ("issuer.py", "_SIGNED_BY"): "the 'Cơ quan:' label of a signing stamp",
    ("layout.py", "_BODY_OPENER"): "'theo / xét đề nghị': a ground cited (the noun)",
    ("layout.py", "_ISSUES"):
        "'kèm theo Quyết định này': the decision's own formula for what it issues, no kind",
    ("signature.py", "_NON_NAME"):
        "words no signer's name is: only the levels no given name folds to ('Quân', 'Xá' do)",
    ("tasks.py", "_LEADS_WHAT"):
        "an article's title 'Nội dung X (có trách nhiệm) chủ trì': its fixed wording, not the"
        " class of lead verbs ('phối hợp' titles no article of what a body leads)",
    ("tasks.py", "_LAST_MEMBER"):
        "words that introduce what follows a heading's list ('cụ thể như sau:'), as"
        " `_INTRODUCES`: no member's name",
    ("tasks.py", "_A_PROPOSAL"):
        "'Về đề nghị / kiến nghị' a topic's noun (a proposal made), no request verb asking",
    ("tasks.py", "_AGREED_AND"): "'và / đồng thời' joining two requests, no sentence connector",
    ("tasks.py", "_AND_THEN"): "'và / đồng thời' joining two requests, as `_AGREED_AND`",
    ("tasks.py", "_ASKS_ON"): "'và / đồng thời' joining two requests, as `_AGREED_AND`",
    ("tasks.py", "_FIRST_VERB"): "'quyết định' the verb (decides), not the kind of a text",
    ("tasks.py", "_GIVEN_WORK"): "'giao nhiệm vụ ... cho': the task given, its object after 'cho'",
    ("tasks.py", "_read_span_owners()"): "'được giao' in a passive's comment",
    ("tasks.py", "_TO_WHOM"): "'(đưa ra / gửi / giao) cho': to whom a request was given",
    ("tasks.py", "_LOWER_COUNCILS"): "'Chủ tịch' of the councils asked, not of who asks",
    ("tasks.py", "_NON_TASK_SECTION"): "'YÊU CẦU', a plan's aims section's title (the noun)",
    ("tasks.py", "_REQUESTS_TITLE"): "'YÊU CẦU', a plan's aims section's title (the noun)",
    ("tasks.py", "_NOT_OWNER_AFTER"):
        "'quyết định' the verb (who decides, reported); 'chỉ đạo' the noun conveyed "
        "('truyền đạt ý kiến chỉ đạo')",
    ("tasks.py", "_PURPOSE"): "'để đảm bảo', a purpose clause, no agent's duty",
    ("tasks.py", "_QUOTES_THE_TEXT"): "'Theo đó,' detailing the text just reported",
    ("tasks.py", "_SPEECH_COLON"): "'kết luận:' the verb of speech, not the kind of a text",
    ("tasks.py", "_SPEECH_OPENS"): "'kết luận' the verb of speech, as `_SPEECH_COLON`",
    ("tasks.py", "_DETAILS"): "'Theo đó,' detailing what was said, as `_QUOTES_THE_TEXT`",
    ("tasks.py", "_NOTICE"): "'thông báo để / cho' the verb (to notify), not the kind of a text",
    ("issuer.py", "_BY_DECISION"): "'theo Quyết định số ...': the authority a body acts by",
    ("agency_phrases.py", "_OTHER_HEADED"):
        "'Thủ trưởng cơ quan ...': the head of a kind of body in a list, not who asks",
}
