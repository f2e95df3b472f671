"""Tables kept ready to send: the Arrow table `st.dataframe` makes of a frame, made once per shared view.

`st.dataframe` converts a pandas frame to Arrow on every run (0.2–0.7 ms for the zone page's tables, a tenth of
its server time), and sends an Arrow table as it is. The conversion is Streamlit's own, so what reaches the
browser is byte for byte what the frame gave (tests/ui/test_shown_tables.py).
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util


def shown_table(frame: pd.DataFrame) -> pa.Table:
    """`frame` as the Arrow table st.dataframe would send; for frames of a cached view, never changed."""
    return dataframe_util.convert_pandas_df_to_arrow_table(frame)
