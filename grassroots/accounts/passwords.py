from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MaximumLengthValidator:
    """ASVS 5.0 V6.2: long passphrases are allowed, but not unbounded input to the hasher."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long: at most %(max)s characters.") % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Your password can be up to %(max)s characters long; a sentence you remember is a good choice.") % {
            "max": self.max_length
        }


class RevokeApiTokensOnChange:
    """Every API token of a user is revoked when their password changes (issue 8).

    Django calls `password_changed()` on each configured validator once the new password is saved
    (AbstractBaseUser.save), on every path that sets one: the password page, the admin's password
    form, `manage.py changepassword`. There is no single action to hang this on, so this hook is it.
    """

    def validate(self, password: str, user: object = None) -> None:
        return None

    def password_changed(self, password: str, user: object = None) -> None:
        from .models import User
        from .tokens import revoke_all_tokens

        if isinstance(user, User) and user.pk is not None:
            revoke_all_tokens(user, actor=None, reason="password_changed")

    def get_help_text(self) -> str:
        return _("Changing your password revokes your API tokens.")
