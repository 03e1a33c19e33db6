"""Follow-up of a diagnostic: its phases, reference territories, restitution code, action plan."""
