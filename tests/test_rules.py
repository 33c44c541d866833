"""Every rule of vanban/data/rules.toml reads its own examples, in all three text states."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from tests.states import STATES, stripped
from vanban import process_text
from vanban.extract.vocabulary import class_names, level_tier, phrases

_RULES = tomllib.loads(
    resources.files("vanban.data").joinpath("rules.toml").read_text(encoding="utf-8"))["rule"]
_CASES = [(rule, n, example, state)
          for rule in _RULES for n, example in enumerate(rule.get("examples", []), 1)
          for state in STATES if state not in example.get("skip", [])]
_HEADER = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/TB-UBND\nLâm Đồng, ngày 10 tháng 4 năm 2026\n\n"


def _key(name: str, state: str = "clean") -> str:
    """A name as compared: typed text must come out spelled right; from stripped or OCR'd
    text a name the tables do not know gets its diacritics back only as well as restoration
    can (tests/test_restore.py measures that), so there the words are what is checked."""
    key = " ".join(name.casefold().split())
    return key if state == "clean" else stripped(key)


@pytest.mark.parametrize(("rule", "n", "example", "state"), _CASES,
                         ids=[f"{r['name']}-{n}-{s}" for r, n, _, s in _CASES])
def test_rule_reads_its_example(rule, n, example, state):
    header = example.get("header", rule.get("header", _HEADER))  # (a draft's, undated)
    record = process_text(STATES[state](header + example["text"] + "\n"))
    owners = {_key(o.name, state) for t in record.tasks for o in t.owners}
    co_owners = {_key(o.name, state) for t in record.tasks for o in t.co_owners}
    for expected in example.get("co_owners", []):
        assert _key(expected, state) in co_owners, f"{rule['name']}: {expected!r} helps not"
    for expected in example.get("owners", []):
        assert _key(expected, state) in owners, f"{rule['name']}: {expected!r} not in {owners}"
    for unwanted in example.get("not_owners", []):
        assert _key(unwanted, state) not in owners
    # a name whose spelling the rule decides, not the restorer's guess: as written in every state
    names = {o.name for t in record.tasks for o in t.owners}
    for expected in example.get("spelled", []):
        assert expected in names, f"{rule['name']}: {expected!r} not spelled so in {names}"
    if "owners" in example and not example["owners"]:
        assert not owners
    deadlines = {f"{t.deadline.date} {_key(o.name, state)}" for t in record.tasks
                 if t.deadline and t.deadline.date for o in t.owners}
    if "deadlines" in example and not example["deadlines"]:
        assert not deadlines
    if rule.get("recorded"):  # the rule's name stands in the evidence of what it read
        recorded = {e.rule for t in record.tasks
                    for e in [*(o.evidence for o in [*t.owners, *t.co_owners]),
                              t.deadline.evidence if t.deadline else None] if e is not None}
        assert rule["name"] in recorded, f"{rule['name']} not recorded: {recorded}"
    for expected in example.get("deadlines", []):
        date, _, owner = expected.partition(" ")
        assert f"{date} {_key(owner, state)}" in deadlines, f"{rule['name']}: {expected!r}"
    for unwanted in example.get("not_deadlines", []):
        date, _, owner = unwanted.partition(" ")
        assert f"{date} {_key(owner, state)}" not in deadlines, f"{rule['name']}: {unwanted!r}"


def test_every_rule_has_examples():
    assert all(rule.get("examples") and rule.get("what") for rule in _RULES)
    names = [rule["name"] for rule in _RULES]
    assert len(names) == len(set(names))


def test_every_rule_reads_an_example_in_all_three_states():
    # (but a state the rule cannot act in by its nature, named with the reason in its data)
    for rule in _RULES:
        cannot = rule.get("acts_not_in", {})
        assert set(cannot) <= set(STATES) and all(why.strip() for why in cannot.values())
        assert any(set(STATES) - set(example.get("skip", [])) >= set(STATES) - set(cannot)
                   for example in rule["examples"]), f"{rule['name']}: no example reads in all"


def test_every_owner_and_deadline_names_its_rule():
    # what `vanban explain` prints: each value read, by the rule of rules.toml that read it
    from pathlib import Path

    from vanban.extract.rules import rules

    folder = Path(__file__).resolve().parent / "data" / "directives"
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        for state in STATES.values():
            for task in process_text(state(text)).tasks:
                read = [*task.owners, *task.co_owners, *([task.deadline] if task.deadline else [])]
                for value in read:
                    assert value.evidence is not None and value.evidence.rule in rules(), (
                        path.name, task.id, value)


def test_every_deadline_pattern_cites_a_rule():
    from vanban.extract import deadlines
    from vanban.extract.rules import rules

    assert {rule for _, rule, _ in deadlines._RULES} <= set(rules())


def test_each_keyword_class_is_declared_once_and_loads():
    names = class_names()
    assert len(names) == len(set(names))
    assert all(phrases(name) for name in names)


def test_no_keyword_class_is_declared_again_in_the_extractors_code():
    # a class's word spelled in extract/ code (a regex, a word set) is a second declaration
    # that drifts apart from the vocabulary: read the class, or say in ALLOWED why not
    from tests.keywords_in_code import ALLOWED, keywords_in_code

    found = keywords_in_code()
    again = {f"{source}:{name} spells {dict(classes)}" for (source, name), classes in found.items()
             if (source, name) not in ALLOWED}
    assert not again, "read the vocabulary instead, or allow it with a reason: " + "; ".join(
        sorted(again))
    stale = ALLOWED.keys() - found.keys()
    assert not stale, f"no longer spelled there, remove from the lists: {sorted(stale)}"
    assert all(reason.strip() for reason in ALLOWED.values())


def test_each_tier_of_government_is_made_of_level_words():
    levels = {" ".join(phrase) for phrase in phrases("level_words")}
    for tier in ("province", "district", "commune", "office"):
        assert level_tier(tier) and set(level_tier(tier)) <= levels, tier


def test_no_word_both_heads_a_name_and_ends_one():
    # a head noun that also ended a name would make every such body nameless
    heads = set(phrases("open_heads"))
    assert not heads & set(phrases("name_enders"))


def test_data_flows_one_way():
    # ingest → extract → normalize → corpus, with models/ below all: extract and normalize
    # never import ingest, and models import none of them
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "vanban"
    forbidden = {"ingest": ("extract", "corpus", "runs", "api"),
                 "extract": ("ingest", "corpus", "runs"), "normalize": ("ingest", "corpus", "runs"),
                 "models": ("ingest", "extract", "normalize", "corpus", "runs")}
    for room, others in forbidden.items():
        for source in (package / room).rglob("*.py"):
            imports = re.findall(r"^\s*(?:from|import) vanban\.(\w+)", source.read_text("utf-8"),
                                 re.MULTILINE)
            assert not set(imports) & set(others), f"{source.name} imports {imports}"
