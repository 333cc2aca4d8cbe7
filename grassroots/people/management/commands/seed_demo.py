"""Build the demo: a Thanh Hóa ward with about 3,000 households and an account for every role."""

import base64
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.core import audit
from grassroots.people import demo
from grassroots.people.importing import import_residents
from grassroots.people.models import Representation
from grassroots.territory.importing import import_units
from grassroots.territory.models import Unit

DEMO_PASSWORD = "grassroots-demo"  # noqa: S105 (published demo accounts, refused in production)
# The demo officials' authenticator key (published, like the password): base32 GRASSROOTSDEMO234567GRASSROOTSDE (see README).
DEMO_TOTP_KEY_BASE32 = "GRASSROOTSDEMO234567GRASSROOTSDE"

# username, role, unit code, full name
ACCOUNTS = [
    ("admin", Role.SYSTEM_ADMIN, demo.PROVINCE, "Quản trị hệ thống"),
    ("steering", Role.STEERING_MEMBER, demo.PROVINCE, "Lê Văn Chỉ Đạo"),
    ("trainer", Role.TRAINER, demo.PROVINCE, "Phạm Thị Giảng"),
    ("official", Role.COMMUNE_OFFICIAL, demo.DEMO_WARD, "Nguyễn Thị Cán Bộ"),
    ("chair", Role.COMMUNE_CHAIR, demo.DEMO_WARD, "Trần Văn Chủ Tịch"),
    ("front", Role.COMMUNE_FRONT, demo.DEMO_WARD, "Hoàng Thị Mặt Trận"),
    ("inspector", Role.INSPECTION_BOARD, demo.DEMO_WARD, "Vũ Văn Thanh Tra"),
    ("supervisor", Role.INVESTMENT_SUPERVISION, demo.DEMO_WARD, "Đặng Thị Giám Sát"),
    ("delegate", Role.DELEGATE, demo.DEMO_WARD, "Bùi Văn Đại Biểu"),
    ("villagehead", Role.VILLAGE_HEAD, f"{demo.DEMO_WARD}-01", "Đỗ Văn Tổ Trưởng"),
    ("villagefront", Role.VILLAGE_FRONT_HEAD, f"{demo.DEMO_WARD}-01", "Ngô Thị Công Tác"),
    ("official-b", Role.COMMUNE_OFFICIAL, demo.OTHER_COMMUNE, "Lý Văn Xã Bên"),
]


def scaled_code(code: str, scale: demo.Scale) -> str:
    """An account's unit at this scale: the province demo's ward has its official code (demo.REAL_DEMO_WARD)."""
    for fixed, scaled in ((demo.DEMO_WARD, demo.demo_ward(scale)), (demo.OTHER_COMMUNE, demo.other_commune(scale))):
        if code == fixed or code.startswith(f"{fixed}-"):
            return scaled + code[len(fixed) :]
    return code


def demo_totp_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_KEY_BASE32).hex()


def create_demo_official(username: str, role: Role, unit: Unit, full_name: str, *, password_hash: str = "") -> User:
    """A demo account with one role, the demo password and the demo authenticator (audited).

    `password_hash`: an already hashed demo password, for callers that create many accounts (hashing
    takes about half a second); by default the password is hashed for this account.
    """
    surname, _sep, given = full_name.rpartition(" ")
    user = User(
        username=username,
        first_name=given,
        last_name=surname,
        is_staff=role == Role.SYSTEM_ADMIN,
        is_superuser=role == Role.SYSTEM_ADMIN,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(DEMO_PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, unit=unit, role=role, valid_from=demo.REGISTERED_ON)
    # Officials need a second factor: the demo ones share a published authenticator key.
    TOTPDevice.objects.create(user=user, name="demo", confirmed=True, key=demo_totp_key_hex())
    audit.record("accounts.role_granted", target=user, unit_id=unit.id, data={"role": role.value})
    return user


class Command(BaseCommand):
    help = "Load the demo ward (or, with --scale city/province, benchmark data), deterministically from a seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(demo.SCALES), default="ward")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when units already exist")
        parser.add_argument("--no-accounts", action="store_true", help="data only (benchmarks)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with PRODUCTION=1 (its accounts have a published password)")
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data already present; keeping it.")
                return
            raise CommandError("The database already has units; seed_demo runs on an empty database only.")
        scale = demo.SCALES[options["scale"]]
        started = time.monotonic()
        today = timezone.localdate()
        with tempfile.TemporaryDirectory() as tmp:
            units_csv, residents_csv = Path(tmp) / "units.csv", Path(tmp) / "residents.csv"
            demo.write_units_csv(units_csv, demo.unit_specs(scale))
            rows = demo.write_residents_csv(residents_csv, scale, seed=options["seed"], today=demo.REGISTERED_ON)
            self.stdout.write(f"Generated {rows:,} register rows ({time.monotonic() - started:.1f} s); importing…")
            import_units(units_csv)

            def progress(phase: str, count: int) -> None:
                sys.stderr.write(f"  {phase}: {count:,} ({time.monotonic() - started:.1f} s)\n")

            result = import_residents(
                residents_csv, as_of=demo.REGISTERED_ON, progress=progress if rows > 50_000 else None
            )
        self.stdout.write(
            f"Imported {result.households:,} households, {result.residents:,} residents ({time.monotonic() - started:.1f} s)."
        )
        if not options["no_accounts"]:
            self._accounts(today, scale)

    @transaction.atomic
    def _accounts(self, today: dt.date, scale: demo.Scale) -> None:
        accounts = [(username, role, scaled_code(code, scale), name) for username, role, code, name in ACCOUNTS]
        units = {u.code: u for u in Unit.objects.filter(code__in={code for _u, _r, code, _n in accounts})}
        lines: list[tuple[str, str, str]] = []
        for username, role, code, full_name in accounts:
            create_demo_official(username, role, units[code], full_name)
            lines.append((username, str(role.label), units[code].name))
        # A household representative of Tổ dân phố 1, linked to the register, who logs in by phone.
        rep = (
            Representation.objects.filter(household__unit__code=f"{demo.demo_ward(scale)}-01", valid_to__isnull=True)
            .select_related("resident", "household")
            .order_by("household__code")
            .first()
        )
        if rep is not None:
            phone = "0912000001"  # a fixed number for the README; the register keeps its own
            user = User(
                username="resident",
                first_name=rep.resident.full_name.split()[-1],
                last_name=" ".join(rep.resident.full_name.split()[:-1]),
                phone=phone,
                resident=rep.resident,
                resident_verified_at=timezone.now(),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            RoleAssignment.objects.create(
                user=user, unit=rep.household.unit, role=Role.HOUSEHOLD_REPRESENTATIVE, valid_from=demo.REGISTERED_ON
            )
            audit.record(
                "accounts.role_granted",
                target=user,
                unit_id=rep.household.unit_id,
                data={"role": Role.HOUSEHOLD_REPRESENTATIVE.value},
            )
            lines.append(
                (f"resident (or phone {phone})", str(Role.HOUSEHOLD_REPRESENTATIVE.label), rep.household.unit.name)
            )
        self.stdout.write(
            f"\nDemo accounts (password: {DEMO_PASSWORD}; officials' authenticator key: {DEMO_TOTP_KEY_BASE32},"
        )
        self.stdout.write("or print the current code with: .venv/bin/python manage.py demo_code official):")
        for username, role_name, unit_name in lines:
            self.stdout.write(f"  {username:<28} {role_name} — {unit_name}")
