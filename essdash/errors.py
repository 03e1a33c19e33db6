"""Errors meant for users: the message is French and says what was expected where."""


class UserError(Exception):
    """A user-facing error (bad input, closed workshop, forbidden action)."""


class ImportFailed(UserError):
    """An import that was rejected as a whole; nothing was written."""


class NotAllowed(UserError):
    """The person may not do this (not the owner, closed workshop, wrong role)."""
