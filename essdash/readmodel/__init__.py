"""Read models shared by the exports, the restitution and the activities' contributions.

Below `essdash.workshop`, `essdash.exports` and `essdash.restitution` (import-linter layers in
pyproject.toml): what an export or a plenary covers (`scope`), the slide data (`slides`), the
geometry helpers of the shared map (`geometry`). Nothing here imports a package above it.
"""
