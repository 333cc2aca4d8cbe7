from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from grassroots.accounts.actions import grant_role
from grassroots.accounts.models import Role, User
from grassroots.core.csvimport import parse_date
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Give USERNAME the ROLE over the unit UNIT_CODE (validated and audited; the admin shows roles read-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("unit_code")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--from", dest="valid_from", help="first day (YYYY-MM-DD; today by default)")
        parser.add_argument("--to", dest="valid_to", help="the day it ends (YYYY-MM-DD; open by default)")
        parser.add_argument("--by", help="username of the administrator granting it, for the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        unit = Unit.objects.filter(code=options["unit_code"]).first()
        if unit is None:
            raise CommandError(f"no unit {options['unit_code']!r}")
        actor = None
        if options["by"]:
            actor = User.objects.filter(username=options["by"]).first()
            if actor is None:
                raise CommandError(f"no user {options['by']!r}")
        try:
            valid_from = parse_date(options["valid_from"]) if options["valid_from"] else timezone.localdate()
            valid_to = parse_date(options["valid_to"]) if options["valid_to"] else None
        except ValueError as exc:
            raise CommandError(f"not a date: {exc}") from None
        try:
            assignment = grant_role(user, unit, options["role"], valid_from=valid_from, valid_to=valid_to, actor=actor)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"Role {assignment.pk} granted: {assignment}.")
