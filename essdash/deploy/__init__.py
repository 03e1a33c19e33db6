"""Several Streamlit processes behind HAProxy on one PostgreSQL (`make run-multi`).

`python -m essdash.deploy --processes N --port 8501`: see `essdash/deploy/__main__.py`; the
production set-up (systemd units, Debian's PostgreSQL and HAProxy) is in docs/deploiement.md.
"""
