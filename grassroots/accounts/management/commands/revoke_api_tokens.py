from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import ApiToken, User
from grassroots.accounts.tokens import revoke_tokens


class Command(BaseCommand):
    help = "Revoke API tokens: every token of a user (--user USERNAME) or one token (--token-id N). Audited."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--user", help="username whose tokens are all revoked")
        which.add_argument("--token-id", type=int, help="id of one token (see the admin's list of API tokens)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["user"] is not None:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
            tokens = ApiToken.objects.filter(user=user)
        else:
            tokens = ApiToken.objects.filter(pk=options["token_id"])
            if not tokens.exists():
                raise CommandError(f"no API token with id {options['token_id']}")
        count = revoke_tokens(tokens, actor=None, reason="administrator")
        self.stdout.write(f"Revoked {count} API token(s).")
