"""Set a province's village-head term (TT 04/2012 as amended [S]): 30 or 60 months, audited."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.errors import DomainError
from grassroots.territory.models import unit_by_code

from ...actions import set_term


class Command(BaseCommand):
    help = "Set the village-head term of a province: 30 or 60 months."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("province", help="the province's official code")
        parser.add_argument("months", type=int, choices=[30, 60])

    def handle(self, *args: Any, **options: Any) -> None:
        province = unit_by_code(options["province"])
        if province is None:
            raise CommandError("No unit has this code.")
        try:
            set_term(province, months=options["months"], actor=None)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"{province.name}: {options['months']} months")
