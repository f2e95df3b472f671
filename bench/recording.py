"""The messages of one page run, recorded for the same-elements peer (bench/replay_app.py): length-prefixed
serialized ForwardMsgs, read once per process."""
from __future__ import annotations

import functools
import struct
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# What a page's script makes; the rest (new_session, script_finished, status) is the runner's own, which the
# peer's runner sends by itself.
REPLAYED = ("delta", "page_config_changed")


def keep(message: ForwardMsg) -> ForwardMsg | None:
    """The message as the peer should enqueue it (its hash cleared, to be computed again as ours is), or None."""
    if message.WhichOneof("type") not in REPLAYED:
        return None
    kept = ForwardMsg()
    kept.CopyFrom(message)
    kept.hash = ""
    kept.metadata.cacheable = False
    return kept


def element_shape(message: ForwardMsg) -> tuple[tuple[int, ...], str]:
    """Where a delta goes and what it makes (an element's or a block's type)."""
    delta = message.delta
    made = delta.new_element if delta.WhichOneof("type") == "new_element" else delta.add_block
    return tuple(message.metadata.delta_path), str(made.WhichOneof("type"))


def write_messages(path: Path, messages: list[ForwardMsg]) -> None:
    """Write the messages, each as a 4-byte big-endian length and its bytes."""
    with path.open("wb") as out:
        for message in messages:
            raw = message.SerializeToString()
            out.write(struct.pack(">I", len(raw)) + raw)


@functools.cache
def read_messages(path: str) -> tuple[ForwardMsg, ...]:
    """The recorded messages (read once per process; callers copy before enqueueing)."""
    raw, messages, at = Path(path).read_bytes(), [], 0
    while at < len(raw):
        (size,) = struct.unpack(">I", raw[at:at + 4])
        message = ForwardMsg()
        message.ParseFromString(raw[at + 4:at + 4 + size])
        messages.append(message)
        at += 4 + size
    return tuple(messages)
