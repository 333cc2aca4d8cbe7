"""Text messages (SMS) through a pluggable backend, chosen like Django's e-mail backends.

`settings.SMS_BACKEND` is the dotted path of a backend class. A real gateway is a subclass of
`BaseBackend` that implements `send_messages`. The two backends here send nothing:

- `ConsoleBackend` (the default) logs that a message would go out, with its length and the masked
  number only. Phone numbers and message texts are personal data and never reach the logs
  (docs/privacy.md).
- `LocmemBackend` keeps the messages in the module-level `outbox`, for tests.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# The digits of a phone number a log line may show: enough to tell two messages apart.
VISIBLE_DIGITS = 3


@dataclass(frozen=True)
class Message:
    phone: str
    text: str


def mask_phone(phone: str) -> str:
    """Keep the last digits only: 0912345678 → *******678. A number too short to hide anything is masked whole."""
    phone = phone.strip()
    if len(phone) <= 2 * VISIBLE_DIGITS:
        return "*" * len(phone)
    return "*" * (len(phone) - VISIBLE_DIGITS) + phone[-VISIBLE_DIGITS:]


class BaseBackend:
    def send_messages(self, messages: Sequence[Message]) -> int:
        """Send the messages; return how many were sent."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development: log each message's masked number and length, never its text or full number."""

    def send_messages(self, messages: Sequence[Message]) -> int:
        for message in messages:
            logger.info(
                "SMS to %s (%d characters) not sent: console backend", mask_phone(message.phone), len(message.text)
            )
        return len(messages)


# LocmemBackend's messages, oldest first. Tests empty it (`outbox.clear()`).
outbox: list[Message] = []


class LocmemBackend(BaseBackend):
    """Tests: keep the messages in `outbox`."""

    def send_messages(self, messages: Sequence[Message]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_backend() -> BaseBackend:
    backend: BaseBackend = import_string(settings.SMS_BACKEND)()
    return backend


def send_messages(messages: Sequence[Message]) -> int:
    """Send a batch of messages through the configured backend."""
    if not messages:
        return 0
    return get_backend().send_messages(messages)


def send_sms(phone: str, text: str) -> int:
    return send_messages([Message(phone=phone, text=text)])
