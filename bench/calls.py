"""Remaking recorded elements with Streamlit's public calls (the same-calls peer, bench/calls_app.py).

Each recorded delta names where it goes (its delta path) and what it is (its proto); `remake` calls the `st.*`
function that makes that element in that place, with what the proto carries (labels, options, default index,
bodies, weights, tables, charts). Widgets get keys of their own, so they are registered as ours are. Tables
and charts are read back from the recording once per process and then handed to Streamlit on every run, as
our pages hand it the tables and figures their shared views keep (lib/loaders/arrow.py).
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
import streamlit.components.v1 as components
from streamlit.delta_generator import DeltaGenerator
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Markdown_pb2 import Markdown
from streamlit.proto.TextInput_pb2 import TextInput

MAP_FRAME = Path(__file__).resolve().parent.parent / "geo" / "map_frame"
HEADINGS = {"h1": "title", "h2": "header", "h3": "subheader"}
ALERTS = {Alert.Format.ERROR: "error", Alert.Format.WARNING: "warning", Alert.Format.INFO: "info",
          Alert.Format.SUCCESS: "success"}
Pages = Mapping[str, Any]  # url_path → st.Page, for page links


class UnmadeElementError(RuntimeError):
    """A recorded element of a type this peer cannot make (a peer that skipped it would look cheaper)."""


@st.cache_resource
def _map_frame() -> Any:
    """Our map frame, the only component our pages use, declared once per process as ours is."""
    return components.declare_component("map_frame", path=str(MAP_FRAME))


@functools.cache
def _table(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(data).read_all()


@functools.cache
def _figure(spec: str) -> go.Figure:
    return go.Figure(json.loads(spec))


def _index(proto: Any) -> int | None:
    return proto.default if proto.HasField("default") else None


def _component(at: DeltaGenerator, e: Any, key: str, pages: Pages) -> None:
    args = json.loads(e.json_args)
    with at:
        _map_frame()(default=args.pop("default", None), **{**args, "key": key})


def _download(at: DeltaGenerator, e: Any, key: str, pages: Pages) -> None:
    if not e.deferred_file_id:  # the bytes themselves are not in the recording
        raise UnmadeElementError("download_button with its data sent at once")
    at.download_button(e.label, data=lambda: b"", key=key, help=e.help or None)


def _page_link(at: DeltaGenerator, e: Any, key: str, pages: Pages) -> None:
    at.page_link(pages[e.page.strip("/")], label=e.label, help=e.help or None,
                 query_params=dict(parse_qsl(e.query_string)))


def _button(at: DeltaGenerator, e: Any, key: str, pages: Pages) -> None:
    if e.is_form_submitter:
        at.form_submit_button(e.label, help=e.help or None, type=e.type or "secondary")
    else:
        at.button(e.label, key=key, help=e.help or None, type=e.type or "secondary")


# What makes each element type; anything else stops the run, named.
ELEMENTS: dict[str, Callable[[DeltaGenerator, Any, str, Pages], Any]] = {
    "heading": lambda at, e, key, pages: getattr(at, HEADINGS[e.tag])(e.body, anchor=e.anchor or None),
    "markdown": lambda at, e, key, pages: (at.caption if e.element_type == Markdown.Type.CAPTION else at.markdown)(
        e.body, help=e.help or None),
    "html": lambda at, e, key, pages: at.html(e.body, unsafe_allow_javascript=e.unsafe_allow_javascript),
    "alert": lambda at, e, key, pages: getattr(at, ALERTS[e.format])(e.body),
    "code": lambda at, e, key, pages: at.code(e.code_text, language=e.language or None, wrap_lines=e.wrap_lines),
    "metric": lambda at, e, key, pages: at.metric(e.label, e.body, help=e.help or None),
    "iframe": lambda at, e, key, pages: at.iframe(e.src),
    "dataframe": lambda at, e, key, pages: at.dataframe(_table(e.arrow_data.data),
                                                        column_config=json.loads(e.columns or "{}")),
    "plotly_chart": lambda at, e, key, pages: at.plotly_chart(_figure(e.spec), config=json.loads(e.config or "{}"),
                                                              theme="streamlit" if e.theme else None),
    "selectbox": lambda at, e, key, pages: at.selectbox(e.label, list(e.options), index=_index(e), key=key,
                                                        help=e.help or None),
    "radio": lambda at, e, key, pages: at.radio(e.label, list(e.options), index=_index(e), key=key,
                                                help=e.help or None, horizontal=e.horizontal),
    "multiselect": lambda at, e, key, pages: at.multiselect(e.label, list(e.options), [e.options[i] for i in e.default],
                                                            key=key, help=e.help or None),
    "text_input": lambda at, e, key, pages: at.text_input(
        e.label, e.default, key=key, help=e.help or None, max_chars=e.max_chars or None,
        type="password" if e.type == TextInput.PASSWORD else "default"),
    "text_area": lambda at, e, key, pages: at.text_area(e.label, e.default, key=key, help=e.help or None,
                                                        max_chars=e.max_chars or None),
    "button": _button,
    "download_button": _download,
    "page_link": _page_link,
    "component_instance": _component,
}


def remake(messages: Iterable[ForwardMsg], pages: Pages | None = None) -> None:
    """Make every recorded delta's element, in its place, with the public call that makes it."""
    # The main area, the sidebar, and the event area, where st.html sends a body of only styles and scripts
    # by itself (so that one is made from the main area).
    places: dict[tuple[int, ...], DeltaGenerator] = {(0,): st._main, (1,): st.sidebar, (2,): st._main}
    deltas = [m for m in messages if m.WhichOneof("type") == "delta"]
    for n, message in enumerate(deltas):
        path = tuple(message.metadata.delta_path)
        if path in places:  # made with its siblings (the columns of one row)
            continue
        if (parent := places.get(path[:-1])) is None:
            raise UnmadeElementError(f"no container for {list(path)}")
        delta = message.delta
        if delta.WhichOneof("type") == "new_element":
            kind = str(delta.new_element.WhichOneof("type"))
            if kind not in ELEMENTS:
                raise UnmadeElementError(kind)
            ELEMENTS[kind](parent, getattr(delta.new_element, kind), f"w{n}", pages or {})
        else:
            places.update(_block(parent, deltas, n, path))


def _block(parent: DeltaGenerator, deltas: list[ForwardMsg], n: int,
           path: tuple[int, ...]) -> dict[tuple[int, ...], DeltaGenerator]:
    """The containers one recorded block makes, by place (a row of columns makes them all)."""
    block = deltas[n].delta.add_block
    kind = str(block.WhichOneof("type"))
    if kind == "flex_container" and (weights := _columns(deltas, n, path)):
        return {path: parent, **{(*path, j): column for j, column in enumerate(parent.columns(weights))}}
    if kind == "flex_container":
        return {path: parent.container(key=f"c{n}" if block.id else None)}
    if kind == "expandable":
        keyed = block.expandable.HasField("id")
        return {path: parent.expander(block.expandable.label, expanded=block.expandable.expanded,
                                      key=f"w{n}" if keyed else None, on_change="rerun" if keyed else "ignore")}
    if kind == "form":
        return {path: parent.form(f"f{n}", clear_on_submit=block.form.clear_on_submit, border=block.form.border,
                                  enter_to_submit=block.form.enter_to_submit)}
    raise UnmadeElementError(kind)


def _columns(deltas: list[ForwardMsg], n: int, path: tuple[int, ...]) -> list[float]:
    """The weights of the columns a horizontal row at `path` holds ([] if it holds none)."""
    weights = []
    for message in deltas[n + 1:]:
        if tuple(message.metadata.delta_path)[:-1] != path or message.delta.add_block.WhichOneof("type") != "column":
            break
        weights.append(message.delta.add_block.column.weight)
    return weights
