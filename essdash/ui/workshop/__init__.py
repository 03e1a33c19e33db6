"""Live-workshop pages: join, shared map, my data, console, projection, moderation."""
