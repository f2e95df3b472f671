"""The same-calls peer (bench/calls.py): recorded elements are made again, in their places, by Streamlit's calls
(in tests/ui: AppTest leaves its script as the process's __main__, which a spawned worker of tests/unit would run)."""
from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Markdown_pb2 import Markdown
from streamlit.testing.v1 import AppTest

from bench.calls import UnmadeElementError, remake
from bench.recording import element_shape


def _delta(path: list[int]) -> ForwardMsg:
    message = ForwardMsg()
    message.metadata.delta_path[:] = path
    return message


def _recording() -> list[ForwardMsg]:
    """A page as bench.floor records one: a title, a caption, three columns with a picker, a radio and a keyed
    expander in them, and a page config message (which the peer sets by itself)."""
    config = ForwardMsg()
    config.page_config_changed.title = "PSM"
    title = _delta([0, 0])
    title.delta.new_element.heading.tag, title.delta.new_element.heading.body = "h1", "Mappa della copertura"
    caption = _delta([0, 1])
    caption.delta.new_element.markdown.body = "Fonte: rapporto di monitoraggio"
    caption.delta.new_element.markdown.element_type = Markdown.Type.CAPTION
    row = _delta([0, 2])
    row.delta.add_block.flex_container.SetInParent()
    columns = []
    for j, weight in enumerate((1.0, 3.0, 1.0)):
        column = _delta([0, 2, j])
        column.delta.add_block.column.weight = weight
        columns.append(column)
    picker = _delta([0, 2, 0, 0])
    picker.delta.new_element.selectbox.label = "Asse"
    picker.delta.new_element.selectbox.options[:] = ["Tutti gli assi", "1 Torino metropoli più attrattiva"]
    picker.delta.new_element.selectbox.default = 1
    radio = _delta([0, 2, 0, 1])
    radio.delta.new_element.radio.label = "Aree"
    radio.delta.new_element.radio.options[:] = ["Zone omogenee", "Gruppi A–F"]
    radio.delta.new_element.radio.default = 0
    folded = _delta([0, 2, 1, 0])
    folded.delta.add_block.expandable.label = "Progetti senza zona"
    folded.delta.add_block.expandable.id = "recorded-key"
    inside = _delta([0, 2, 1, 0, 0])
    inside.delta.new_element.html.body = "<p>elenco</p>"
    return [config, title, caption, row, *columns, picker, radio, folded, inside]


def _play(raw: list[bytes]) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench.calls import remake

    messages = []
    for one in raw:
        message = ForwardMsg()
        message.ParseFromString(one)
        messages.append(message)
    remake(messages)


def _run(messages: list[ForwardMsg]) -> AppTest:
    return AppTest.from_function(_play, args=([m.SerializeToString() for m in messages],), default_timeout=30).run()


def test_the_peer_makes_each_recorded_element_in_its_place() -> None:
    at = _run(_recording())
    assert not at.exception
    assert at.title[0].value == "Mappa della copertura" and at.caption[0].value == "Fonte: rapporto di monitoraggio"
    assert [c.weight for c in at.columns] == [1 / 5, 3 / 5, 1 / 5]
    picker = at.columns[0].selectbox[0]
    assert (picker.label, picker.options, picker.index) == ("Asse", ["Tutti gli assi",
                                                                      "1 Torino metropoli più attrattiva"], 1)
    assert at.columns[0].radio[0].options == ["Zone omogenee", "Gruppi A–F"]
    assert at.columns[1].expander[0].label == "Progetti senza zona"
    assert at.columns[1].expander[0].children[0].proto.body == "<p>elenco</p>"


def test_an_element_the_peer_cannot_make_stops_it_with_its_name() -> None:
    # A peer that skipped it would send less than our page and look cheaper than it is.
    balloons = _delta([0, 0])
    balloons.delta.new_element.balloons.show = True
    with pytest.raises(UnmadeElementError, match="balloons"):
        remake([balloons])
    assert _run([balloons]).exception  # and the peer's run stops there


def test_element_shape_names_the_place_and_the_kind() -> None:
    shapes = [element_shape(m) for m in _recording() if m.WhichOneof("type") == "delta"]
    assert shapes[:4] == [((0, 0), "heading"), ((0, 1), "markdown"), ((0, 2), "flex_container"), ((0, 2, 0), "column")]
    assert shapes[-2:] == [((0, 2, 1, 0), "expandable"), ((0, 2, 1, 0, 0), "html")]
