class DomainError(Exception):
    """A refusal by the rules of the domain, with a translatable message for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
