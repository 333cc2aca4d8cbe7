from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from grassroots.accounts.actions import end_role
from grassroots.accounts.models import RoleAssignment, User
from grassroots.core.csvimport import parse_date
from grassroots.core.errors import DomainError


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
        actor = None
        if options["by"]:
            actor = User.objects.filter(username=options["by"]).first()
            if actor is None:
                raise CommandError(f"no user {options['by']!r}")
        try:
            on = parse_date(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"not a date: {exc}") from None
        try:
            end_role(assignment, on=on, actor=actor)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"Role {assignment.pk} ends on {on.isoformat()}.")
