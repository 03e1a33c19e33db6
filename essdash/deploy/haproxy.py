"""The HAProxy configuration in front of the Streamlit processes (Debian package `haproxy`).

Why HAProxy: sticky sessions by an inserted cookie, active health checks on
`/_stcore/health`, a server marked down at the first refused connection and its requests
redispatched to a live one (the 5 s failover budget), draining through its runtime API for
rolling updates, all in Debian's package. nginx's free build has neither an inserted cookie nor
active checks (its `ip_hash` would put a whole room behind one Wi-Fi NAT on one process); Caddy
(Debian 12 ships 2.6) has cookie affinity and checks but no drain and a younger package. The
file `deploy/haproxy.cfg` is the production version of what `render` writes for `make run-multi`.

- Affinity: the first answer to a browser sets `essdash_srv=<server>`; every later request
  of that tab (the websocket, uploads to `/_stcore/upload_file`, downloads from `/media`)
  goes to the same process, whose memory holds the Streamlit session and its files.
- Failure: a process that stops answering is taken out within about 2 s (checks every
  500 ms, or at once on a refused connection); its tabs' next requests are redispatched to a
  live process, which sets them a new cookie. A restarted process rejoins after 2 good checks.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass

AFFINITY_COOKIE = "essdash_srv"
HEALTH_PATH = "/_stcore/health"
# Checks every second (500 ms while a state changes), each given 3 s (`timeout check`: a
# process busy with a room answers late, it is not down); three failed checks mark it down, a
# refused connection at once; two good checks bring it back.
CHECKS = (
    "check inter 1s fastinter 500ms downinter 1s rise 2 fall 3 "
    "observe layer4 error-limit 1 on-error mark-down"
)


@dataclass(frozen=True)
class Backend:
    name: str  # also the value of the affinity cookie
    host: str
    port: int


def binary() -> str | None:
    """The haproxy program (Debian installs it in /usr/sbin, not always on a user's PATH)."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def render(
    backends: Sequence[Backend],
    *,
    bind: str,
    port: int,
    stats_socket: str | None = None,
) -> str:
    """The configuration text: one frontend on `bind:port`, one backend with `backends`."""
    servers = "\n".join(f"    server {b.name} {b.host}:{b.port} cookie {b.name}" for b in backends)
    stats = f"    stats socket {stats_socket} mode 600 level admin\n" if stats_socket else ""
    return f"""# Written by essdash (essdash/deploy/haproxy.py): HAProxy in front of Streamlit.
global
    maxconn 4096
    log stdout format raw local0 notice
{stats}
defaults
    mode http
    log global
    option dontlognull
    timeout connect 3s
    timeout client 1h
    timeout server 1h
    # A websocket stays open for the whole workshop.
    timeout tunnel 12h
    timeout http-request 30s
    timeout queue 30s
    retries 2
    option redispatch 1

frontend essdash
    bind {bind}:{port}
    # No body limit here (unlike nginx's 1 MB default): Streamlit checks server.maxUploadSize.
    http-request set-header X-Forwarded-Proto http if !{{ ssl_fc }}
    option forwardfor
    default_backend streamlit

backend streamlit
    balance leastconn
    cookie {AFFINITY_COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET {HEALTH_PATH}
    timeout check 3s
    http-check expect status 200
    # Which process answered (for tests and diagnostics; no secret in a process name).
    http-response set-header X-Essdash-Server %s
    default-server {CHECKS}
{servers}
"""
