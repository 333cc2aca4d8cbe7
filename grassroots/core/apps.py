from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _private_sqlite_file(sender: Any, connection: Any, **kwargs: Any) -> None:
    """The SQLite database holds the register: readable by the application's user only (0600), even
    when it was created under a looser umask. SQLite gives its -wal and -shm files the same mode."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if name and name != ":memory:" and not name.startswith("file:"):
        from .backup import make_sqlite_files_private

        make_sqlite_files_private(name)


class CoreConfig(AppConfig):
    name = "grassroots.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        connection_created.connect(_private_sqlite_file, dispatch_uid="core.private_sqlite_file")
