"""The framework's floor (bench.floor): a one-line Streamlit page. What a session of it costs is Streamlit's
own cost of a session; every page of ours is reported as a multiple of it."""
import streamlit as st

st.write("PSM")
