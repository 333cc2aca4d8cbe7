"""Add the 2024 city training conference to the demo (run after seed_demo)."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.territory.models import Unit
from grassroots.training import demo
from grassroots.training.demo_qa import seed_qa_demo
from grassroots.training.models import Conference

ORGANIZER = "steering"  # seed_demo's steering committee member of the province


class Command(BaseCommand):
    help = "Reconstruct the 2024 city training conference: delegates of the former city, attendance, exchange."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the conference is already there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_training_demo refuses to run with PRODUCTION=1 (its accounts have a published password)"
            )
        if Conference.objects.filter(starts_on=demo.CONFERENCE_DAY, title=demo.TITLE).exists():
            if options["if_empty"]:
                self.stdout.write("The 2024 training conference is already there; keeping it.")
                return
            raise CommandError("The 2024 training conference is already there.")
        organizer = User.objects.filter(username=ORGANIZER).first()
        if organizer is None or not Unit.objects.filter(code=demo.CITY).exists():
            raise CommandError("Run seed_demo first: the conference needs its units and the steering account.")
        started = time.monotonic()
        s = demo.seed_2024_conference(organizer=organizer, seed=options["seed"])
        exchange = seed_qa_demo(s.conference)
        self.stdout.write(
            f"{s.conference.title} ({s.conference.starts_on}): {s.invited} delegates invited in {s.units_reached} "
            f"units, {s.declined} declined, {s.substitutes} sent a deputy; {s.present} of {s.expected} present "
            f"({s.late} late, {s.left_early} left early). {s.accounts} accounts added. "
            f"Exchange: {exchange.questions} questions, {exchange.attempts} tests, {exchange.feedback} evaluations, "
            f"{exchange.difficulties} difficulties ({time.monotonic() - started:.1f} s)."
        )
        delegate = s.conference.delegates.select_related("user").order_by("pk").first()
        self.stdout.write(
            f"Log in as {ORGANIZER} (the demo password and authenticator key, see seed_demo) and open "
            f"/training/{s.conference.pk}/; a delegate: {delegate.user.username if delegate else '-'} "
            "(password only)."
        )
