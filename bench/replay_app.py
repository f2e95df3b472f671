"""The same-elements peer (bench.floor): a bare Streamlit app that sends, on every run, the messages one of our
pages sent (recorded in the file $PSM_BENCH_REPLAY), through Streamlit's own queue, and does nothing else: no
data, no widget logic, no caches. What a session of it costs is the framework's share of our page: building
and hashing the same messages and sending the same bytes."""
import os

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from bench.recording import read_messages

context = get_script_run_ctx()
assert context is not None, "run me with streamlit run"
for recorded in read_messages(os.environ["PSM_BENCH_REPLAY"]):
    message = ForwardMsg()
    message.CopyFrom(recorded)
    context.enqueue(message)
