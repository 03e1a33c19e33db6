"""The plenary restitution: the read-only sequence of slides of a diagnostic (pure Python)."""
