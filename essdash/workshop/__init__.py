"""Live workshops: sign-in, shared map, world café, priorities."""
