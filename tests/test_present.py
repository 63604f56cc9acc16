"""m.present(): Python asks the views to present the map, and nothing else changes."""

from __future__ import annotations

from typing import Any

import pytest

from cjm_widgets import JourneyMap
from cjm_widgets.errors import CJMError, InvalidArgumentError, NoViewError

from .conftest import FakeView


def shown(view: FakeView) -> FakeView:
    """The map as a notebook shows it: one view open (views say so when they open)."""
    view.widget._handle_custom_msg({"type": "view", "open": True, "view": "v1"}, [])
    return view


def test_present_sends_the_views_on_then_off(view: FakeView):
    m = shown(view).widget
    before = (m.data.copy(), dict(m._journey), m.active_persona, list(m.selected))
    m.present()
    m.present(False)
    m.present(on=True)
    assert view.replies == [
        {"type": "present", "on": True},
        {"type": "present", "on": False},
        {"type": "present", "on": True},
    ]
    # A message, not state: a view opened later, or a saved page, shows the ordinary map.
    assert m.data.equals(before[0])
    assert m._journey == before[1]
    assert (m.active_persona, list(m.selected)) == before[2:]


@pytest.mark.parametrize("value", [1, 0, "yes", None, "False", [True]])
def test_present_refuses_what_is_not_true_or_false(view: FakeView, value: Any):
    with pytest.raises(
        InvalidArgumentError, match=r"present\(on=\) takes True or False, not"
    ) as err:
        view.widget.present(value)
    assert repr(value) in str(err.value)
    assert isinstance(err.value, CJMError)
    assert view.replies == []


def test_a_view_message_asking_to_present_is_not_an_edit(frame: Any):
    # Views never send "present"; if one did, it is no edit and gets no edit answer.
    m = JourneyMap(frame)
    sent: list[Any] = []
    m.send = sent.append  # type: ignore[method-assign,assignment]
    m._handle_custom_msg({"type": "present", "on": True}, [])
    assert sent == []


def test_present_with_no_view_shown_says_so(view: FakeView):
    with pytest.raises(NoViewError, match="present needs the map displayed"):
        view.widget.present()
    view.widget.present(False)  # nothing to leave: no error, a message no view receives
    assert view.replies == [{"type": "present", "on": False}]
