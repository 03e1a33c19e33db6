"""Streamlit layer: page frame and role gate, typed session state, shared widgets."""
