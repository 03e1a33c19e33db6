"""Follow-up of a diagnostic beyond the workshop day: interviews and their synthesis, phases and
steps on a timeline, evaluation surveys, the action plan's progress. No Streamlit here: plain
functions taking a Session; the caller owns the transaction."""
