from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from grassroots.accounts.actions import grant_role
from grassroots.accounts.models import Role
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from ._lookups import actor_named, day, user_named


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
        user = user_named(options["username"])
        unit = Unit.objects.filter(code=options["unit_code"]).first()
        if unit is None:
            raise CommandError(f"no unit {options['unit_code']!r}")
        actor = actor_named(options["by"])
        valid_from = day(options["valid_from"]) or timezone.localdate()
        valid_to = day(options["valid_to"])
        try:
            assignment = grant_role(user, unit, options["role"], valid_from=valid_from, valid_to=valid_to, actor=actor)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"Role {assignment.pk} granted: {assignment}.")
