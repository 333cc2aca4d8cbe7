from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest

from grassroots.core.phone import normalize_phone

from .models import User
from .throttle import address_is_throttled


class AddressCeilingBackend:
    """The ceiling of failed logins per address (password spraying across accounts), checked in
    authenticate() itself so that every login form obeys it: ours, /admin/login/, any later one.

    Raising PermissionDenied stops django.contrib.auth.authenticate() before any password is
    checked; `axes_locked_out` makes AxesMiddleware answer with the same lockout page as a locked
    account (accounts.throttle.lockout_response), which says nothing about the account. It has no get_user(): it never logs anyone in.
    """

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        if request is not None and address_is_throttled(request):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            raise PermissionDenied
        return None


class PhoneOrUsernameBackend(ModelBackend):
    """Authenticate by username or by phone number (0912 345 678, +84912345678 …)."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        phone = normalize_phone(username)
        query = Q(username__iexact=username)
        if phone:
            query |= Q(phone=phone)
        user = User.objects.filter(query).first()
        if user is None:
            # Spend the same time as a real check so that timing does not reveal which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
