from django import forms


class NoEchoTextInput(forms.TextInput):
    """A text box that is never filled back in: a national ID number or a code is not sent back to the browser."""

    def format_value(self, value: object) -> None:
        return None
