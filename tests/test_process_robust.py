"""`process` never raises on text: odd input gives a record with warnings."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.states import STATES
from vanban import process_text

_VIETNAMESE = st.sampled_from(
    ["Số:", "/", "UBND", "ngày", "tháng", "năm", "Kính gửi:", "Nơi nhận:", "- ", "1.", "a)",
     "Giao", "Sở Nội vụ", "chủ trì", "trước ngày", "30/6/2024", "\n", "\n\n", "V/v", "KT.",
     "CHỦ TỊCH", "phối hợp với", "các cơ quan nêu trên", "Điều 1.", "I.", "S6:", "x3", "./."]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_VIETNAMESE, st.text(max_size=12)), max_size=60).map(" ".join),
    st.sampled_from(list(STATES)),
)
def test_process_never_raises(text, state):
    record = process_text(STATES[state](text))
    assert record.text is not None
    assert all(0.0 <= e.confidence <= 1.0 for e in record.evidence.values())
    for task in record.tasks:
        assert task.evidence is None or 0 <= task.evidence.start <= task.evidence.end


def test_empty_text_has_warnings():
    record = process_text("")
    assert record.tasks == []
    assert "no tasks found" in record.quality.warnings
