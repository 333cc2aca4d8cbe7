from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from grassroots.accounts.actions import end_role
from grassroots.accounts.models import RoleAssignment
from grassroots.core.errors import DomainError

from ._lookups import actor_named, day


class Command(BaseCommand):
    help = "End the role assignment ID on a day (validated and audited; the admin shows roles read-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assignment_id", type=int)
        parser.add_argument("--on", help="the day it ends (YYYY-MM-DD; today by default)")
        parser.add_argument("--by", help="username of the administrator ending it, for the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        assignment = RoleAssignment.objects.filter(pk=options["assignment_id"]).select_related("user").first()
        if assignment is None:
            raise CommandError(f"no role assignment {options['assignment_id']}")
        actor = actor_named(options["by"])
        on = day(options["on"]) or timezone.localdate()
        try:
            end_role(assignment, on=on, actor=actor)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"Role {assignment.pk} ends on {on.isoformat()}.")
