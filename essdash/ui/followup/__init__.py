"""Follow-up pages: diagnostics and phases, action plan."""
