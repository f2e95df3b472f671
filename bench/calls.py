"""Remaking recorded elements with Streamlit's public calls (the same-calls peer, bench/calls_app.py).

Each recorded delta names where it goes (its delta path) and what it is (its proto); `remake` calls the `st.*`
function that makes that element in that place, with the fields the proto carries (labels, options, default
index, bodies, weights). Widgets get keys of their own, so a page's widgets are registered as ours are.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components
from streamlit.delta_generator import DeltaGenerator
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Markdown_pb2 import Markdown

MAP_FRAME = Path(__file__).resolve().parent.parent / "geo" / "map_frame"
# What a heading's tag is made by.
HEADINGS = {"h1": "title", "h2": "header", "h3": "subheader"}
# The element and block types remake can make (anything else stops the run, named).
ELEMENTS = ("heading", "markdown", "html", "selectbox", "radio", "component_instance")
BLOCKS = ("flex_container", "column", "expandable")


class UnmadeElementError(RuntimeError):
    """A recorded element of a type this peer cannot make."""


@st.cache_resource
def _map_frame() -> Any:
    """Our map frame, the only component the measured pages use, declared once per process as ours is."""
    return components.declare_component("map_frame", path=str(MAP_FRAME))


def _element(parent: DeltaGenerator, kind: str, proto: Any, n: int) -> None:
    if kind == "heading":
        getattr(parent, HEADINGS[proto.tag])(proto.body, anchor=proto.anchor or None)
    elif kind == "markdown":
        call = parent.caption if proto.element_type == Markdown.Type.CAPTION else parent.markdown
        call(proto.body, help=proto.help or None)
    elif kind == "html":
        parent.html(proto.body, unsafe_allow_javascript=proto.unsafe_allow_javascript)
    elif kind == "selectbox":
        parent.selectbox(proto.label, list(proto.options), index=proto.default if proto.HasField("default") else None,
                         key=f"w{n}", help=proto.help or None)
    elif kind == "radio":
        parent.radio(proto.label, list(proto.options), index=proto.default if proto.HasField("default") else None,
                     key=f"w{n}", help=proto.help or None, horizontal=proto.horizontal)
    elif kind == "component_instance":
        args = json.loads(proto.json_args)
        with parent:
            _map_frame()(default=args.pop("default", None), **{**args, "key": f"w{n}"})
    else:
        raise UnmadeElementError(kind)


def remake(messages: Iterable[ForwardMsg]) -> None:
    """Make every recorded delta's element, in its place, with the public call that makes it."""
    places: dict[tuple[int, ...], DeltaGenerator] = {(0,): st._main}
    deltas = [m for m in messages if m.WhichOneof("type") == "delta"]
    for n, message in enumerate(deltas):
        path = tuple(message.metadata.delta_path)
        parent, delta = places.get(path[:-1]), message.delta
        if path in places:  # made with its siblings (the columns of one row)
            continue
        if parent is None:
            raise UnmadeElementError(f"no container for {list(path)}")
        if delta.WhichOneof("type") == "new_element":
            kind = str(delta.new_element.WhichOneof("type"))
            _element(parent, kind, getattr(delta.new_element, kind), n)
            continue
        block = delta.add_block
        kind = str(block.WhichOneof("type"))
        if kind == "flex_container" and (weights := _columns(deltas, n, path)):
            for j, column in enumerate(parent.columns(weights)):
                places[(*path, j)] = column
            places[path] = parent
        elif kind == "flex_container":
            places[path] = parent.container(key=f"c{n}" if block.id else None)
        elif kind == "expandable":
            places[path] = parent.expander(block.expandable.label, expanded=block.expandable.expanded,
                                           key=f"w{n}" if block.expandable.HasField("id") else None,
                                           on_change="rerun" if block.expandable.HasField("id") else "ignore")
        else:
            raise UnmadeElementError(kind)


def _columns(deltas: list[ForwardMsg], n: int, path: tuple[int, ...]) -> list[float]:
    """The weights of the columns a horizontal row at `path` holds ([] if it holds none)."""
    weights = []
    for message in deltas[n + 1:]:
        child = tuple(message.metadata.delta_path)
        if child[:-1] != path or message.delta.add_block.WhichOneof("type") != "column":
            break
        weights.append(message.delta.add_block.column.weight)
    return weights
