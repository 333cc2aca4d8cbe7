from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from grassroots.core.phone import normalize_phone

from .models import User


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
