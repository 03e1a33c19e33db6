"""Evaluation survey: the end-of-workshop feedback on phones (seed 002, step 7, « retour des
participants ») and the diagnostic's own evaluation sent by link (seed 003), one tool.
Its manifest (manifest.py) says what it contributes."""
