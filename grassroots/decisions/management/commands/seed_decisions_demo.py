"""Add the demo ward's community matters, one in every state (run after seed_demo)."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.decisions import demo
from grassroots.decisions.models import Matter
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = (
        "Build community matters in the residential groups of the demo ward through the real actions: an online "
        "vote open, a meeting under way, ballot slips being entered, a decision waiting for recognition, a refused "
        "one, a recognized convention and an online decision in effect."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=demo.SEED)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when community matters exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_decisions_demo refuses to run with PRODUCTION=1 (its accounts have a published password)"
            )
        if Matter.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Community matters already present; keeping them.")
                return
            raise CommandError("The database already has community matters; seed_decisions_demo runs without any.")
        if not (
            Unit.objects.filter(code=demo.group(7)).exists() and User.objects.filter(username="villagehead").exists()
        ):
            raise CommandError("Run seed_demo first: the matters need the demo ward and its accounts.")
        started = time.monotonic()
        built = demo.build(seed=options["seed"])
        self.stdout.write(f"Community matters of the demo ward ({time.monotonic() - started:.1f} s):")
        for item in built:
            m = item.matter
            self.stdout.write(f"  {m.unit.code} {item.state:<28} matter {m.pk}: {m.title}")
            who = {"": "anyone (no login)", "resident": "resident (or phone 0912000001)"}.get(
                item.account, item.account
            )
            self.stdout.write(f"  {'':8} log in as {who}, open {item.url}")
        self.stdout.write(
            "Group leaders of Tổ dân phố 2–7: villagehead-02 … villagehead-07 and villagefront-02 … villagefront-07 "
            "(demo password and authenticator key); household representatives who voted online: ho-<household code>."
        )
