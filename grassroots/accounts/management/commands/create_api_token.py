from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import TokenScope, User
from grassroots.accounts.tokens import create_token


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="what the token is for")
        parser.add_argument(
            "--scope",
            choices=TokenScope.values,
            default=TokenScope.READ,
            help="read: read only (default); vote: read and cast the household's online vote",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"days until it expires (default API_TOKEN_DAYS, now {settings.API_TOKEN_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}")
        if options["days"] is not None and options["days"] < 1:
            raise CommandError("--days must be at least 1")
        self.stdout.write(create_token(user, options["name"], scope=options["scope"], days=options["days"]))
