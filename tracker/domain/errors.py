"""The one error type for mistakes a user can fix."""

from __future__ import annotations


class UserError(Exception):
    """Input a user can correct; ``message`` is written for them.

    ``field`` names the form field at fault so the GUI can show the message
    beside it; the CLI prints the message and exits 2.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
