"""The plenary restitution view (read-only slides)."""
