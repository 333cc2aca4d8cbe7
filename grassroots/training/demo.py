"""The 2024 city training conference, reconstructed for the demo (PRODUCT.md: "as reported from Thanh Hóa
city in September 2024": a one-day conference, four topics, then the exchange).

On 20 September 2024 the demo ward (Phường Hạc Thành, formed on 1 July 2025) did not exist yet: its
territory was the three wards of the former Thanh Hóa city that merged into it (Điện Biên, Ba Đình,
Lam Sơn, already in seed_demo's unit tree with their end date). So the conference is organized by the
steering committee of that city (unit 380, district tier, until 1 July 2025) and reaches those three
wards and four neighbouring communes of the city, each with its villages or residential groups, all
ending on the day of the reorganization. Their office holders get demo accounts (the published demo
password) with roles over the 2021–2025 term, so the rules resolve to them on the conference date.

Invitations, answers and deputies go through the actions, as an organizer would record them. The
attendance is history: arrival and departure times are written directly (the check-in action stamps
the present time), with one audit event saying so.

Deterministic (seeded random) and quick: units, accounts and roles are written in bulk, and the demo
password is hashed once.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.core import audit
from grassroots.core.text import fold
from grassroots.people import demo as people_demo
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD
from grassroots.territory.models import Unit, UnitKind, unit_path

from . import actions
from .models import Conference, Delegate, Material, Topic

CONFERENCE_DAY = dt.date(2024, 9, 20)
TITLE = "Hội nghị tập huấn công tác dân vận và thực hiện dân chủ ở cơ sở năm 2024"
VENUE = "Hội trường thành phố Thanh Hóa"
CITY = "380"  # Thành phố Thanh Hóa in seed_demo's tree (district tier, until the 2025 reorganization)
REORGANIZED_ON = dt.date.fromisoformat(people_demo.REFORM_DAY)
TERM_FROM = dt.date(2021, 7, 1)  # the office holders' term, until their units end
# The former wards of the demo ward (in seed_demo's tree), with the number of their residential groups.
FORMER_WARDS = [("14755", 20), ("14756", 24), ("14757", 22)]
# Neighbouring communes of the former city, added here with their villages.
NEIGHBOURS = [
    ("14770", "Xã Đông Lĩnh", 15),
    ("14773", "Xã Đông Tân", 17),
    ("14776", "Xã Quảng Thịnh", 13),
    ("14779", "Xã Thiệu Dương", 18),
]
# The programme: (topic, speaker, start, end), local time.
PROGRAMME = [
    (Topic.LAW, "Báo cáo viên Ban Dân vận Thành ủy", dt.time(7, 30), dt.time(8, 30)),
    (Topic.DECREE_59, "Báo cáo viên Phòng Nội vụ thành phố", dt.time(8, 30), dt.time(9, 30)),
    (Topic.TASKS, "Lãnh đạo Ban Dân vận Thành ủy", dt.time(9, 45), dt.time(10, 45)),
    (Topic.SITUATION, "Báo cáo viên Công an thành phố", dt.time(10, 45), dt.time(11, 30)),
    (Topic.EXCHANGE, "Ban Chỉ đạo thực hiện Quy chế dân chủ thành phố", dt.time(13, 30), dt.time(16, 30)),
]
SHARE_PRESENT = 0.85
# Arrival times of the latecomers (more than 15 minutes after 07:30) and departures before the end.
LATE_ARRIVALS = [dt.time(7, 52), dt.time(8, 5), dt.time(8, 20)]
EARLY_DEPARTURES = [dt.time(10, 30), dt.time(14, 40)]
DECLINED = 3
SUBSTITUTES = 3


@dataclass(frozen=True)
class Summary:
    conference: Conference
    units_reached: int
    accounts: int
    invited: int
    expected: int
    present: int
    late: int
    left_early: int
    substitutes: int
    declined: int


def _local(time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(CONFERENCE_DAY, time))


def _units(city: Unit) -> list[tuple[Unit, str]]:
    """The neighbouring communes and every village or residential group: (unit, role of its delegates)."""
    ends = REORGANIZED_ON
    new: list[Unit] = []
    communes = []
    for code, name, _villages in NEIGHBOURS:
        commune = Unit(
            code=code, name=name, kind=UnitKind.COMMUNE, parent=city, path=unit_path(city, code), valid_to=ends
        )
        communes.append(commune)
        new.append(commune)
    wards = {u.code: u for u in Unit.objects.filter(code__in=[code for code, _n in FORMER_WARDS])}
    villages = []
    for code, count in FORMER_WARDS:
        ward = wards[code]
        for i in range(1, count + 1):
            vcode = f"{code}-{i:02d}"
            villages.append(Unit(code=vcode, name=f"Tổ dân phố {i}", kind=UnitKind.RESIDENTIAL_GROUP, parent=ward,
                                 path=unit_path(ward, vcode), valid_to=ends))  # fmt: skip
    for commune, (_code, _name, count) in zip(communes, NEIGHBOURS, strict=True):
        for i in range(1, count + 1):
            vcode = f"{commune.code}-{i:02d}"
            villages.append(Unit(code=vcode, name=f"Thôn {i}", kind=UnitKind.VILLAGE, parent=commune,
                                 path=unit_path(commune, vcode), valid_to=ends))  # fmt: skip
    new += villages
    for unit in new:
        unit.name_folded = fold(unit.name)  # bulk_create skips Unit.save()
    Unit.objects.bulk_create(communes)
    Unit.objects.bulk_create(villages)
    return [*[(u, "commune") for u in [*wards.values(), *communes]], *[(v, "village") for v in villages]]


def _accounts(rng: random.Random, units: list[tuple[Unit, str]]) -> int:
    """An account per office: the head and a deputy head of the steering committee and the head of the
    People's Inspection Board of each ward and commune; the head of the Front work committee of each
    village and residential group."""
    maker = people_demo.PersonMaker(rng)
    password = make_password(DEMO_PASSWORD)
    offices: list[tuple[str, Unit, str]] = []
    for unit, level in units:
        if level == "commune":
            offices += [(f"{unit.code}-bcd", unit, Role.STEERING_MEMBER), (f"{unit.code}-pbcd", unit, Role.STEERING_MEMBER),
                        (f"{unit.code}-ttnd", unit, Role.INSPECTION_BOARD)]  # fmt: skip
        else:
            offices.append((f"{unit.code}-mt", unit, Role.VILLAGE_FRONT_HEAD))
    users = []
    for username, _unit, _role in offices:
        surname, _sep, given = maker.name(rng.choice("MF")).rpartition(" ")
        users.append(User(username=username, first_name=given, last_name=surname, password=password))
    User.objects.bulk_create(users)
    ids = dict(User.objects.filter(username__in=[u for u, _n, _r in offices]).values_list("username", "id"))
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user_id=ids[username], unit=unit, role=role, valid_from=TERM_FROM, valid_to=REORGANIZED_ON)
            for username, unit, role in offices
        ]
    )
    return len(users)


@transaction.atomic
def seed_2024_conference(*, organizer: User, seed: int = 2024) -> Summary:
    """Build the units, accounts and the 2024 conference with its invitations and attendance."""
    rng = random.Random(seed)  # noqa: S311 (demo data: same seed, same data)
    city = Unit.objects.get(code=CITY)
    units = _units(city)
    accounts = _accounts(rng, units)

    conference = actions.create_conference(
        actor=organizer, unit=city, title=TITLE, starts_on=CONFERENCE_DAY, venue=VENUE
    )
    for session, (topic, speaker, start, end) in zip(conference.sessions.order_by("position"), PROGRAMME, strict=True):
        actions.update_session(session, actor=organizer, topic=topic, title=session.title, speaker=speaker,
                               starts_at=_local(start), ends_at=_local(end))  # fmt: skip
    Material.objects.create(
        conference=conference,
        title="Cơ sở dữ liệu quốc gia về văn bản pháp luật: Luật số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP",
        url="https://vbpl.vn/",
        added_by=organizer,
    )
    communes, villages = [UnitKind.WARD, UnitKind.COMMUNE], [UnitKind.RESIDENTIAL_GROUP, UnitKind.VILLAGE]
    actions.add_rule(conference, actor=organizer, role=Role.STEERING_MEMBER, unit_kinds=communes)
    actions.add_rule(conference, actor=organizer, role=Role.INSPECTION_BOARD, unit_kinds=communes)
    actions.add_rule(conference, actor=organizer, role=Role.VILLAGE_FRONT_HEAD, unit_kinds=villages)
    invited = actions.resolve_invitations(conference, actor=organizer).added
    # The invitations went out ten days before (by post and Zalo at the time: no e-mail is sent now).
    conference.delegates.update(invitation_sent_at=_local(dt.time(8, 0)) - dt.timedelta(days=10))

    delegates = list(conference.delegates.select_related("user", "unit").order_by("unit__path", "user__username"))
    rng.shuffle(delegates)
    declining, replaced, answering = (
        delegates[:DECLINED],
        delegates[DECLINED : DECLINED + SUBSTITUTES],
        delegates[DECLINED + SUBSTITUTES :],
    )
    for delegate in declining:
        actions.respond(delegate, actor=delegate.user, attending=False)
    for delegate in answering:
        if rng.random() < 0.8:
            actions.respond(delegate, actor=delegate.user, attending=True)
    deputies = []
    password = make_password(DEMO_PASSWORD)
    maker = people_demo.PersonMaker(rng)
    for delegate in replaced:
        surname, _sep, given = maker.name(rng.choice("MF")).rpartition(" ")
        deputy = User.objects.create(
            username=f"{delegate.user.username}-pho", first_name=given, last_name=surname, password=password
        )
        deputies.append(actions.send_substitute(delegate, actor=delegate.user, deputy=deputy))
    accounts += len(deputies)
    # The deputies were told by their units, the day they were named.
    conference.delegates.filter(invitation_sent_at__isnull=True).update(
        invitation_sent_at=_local(dt.time(8, 0)) - dt.timedelta(days=2)
    )

    # Attendance: about 85% of those expected; three came late, two left before the end.
    expected = answering + deputies
    rng.shuffle(expected)
    present = expected[: round(SHARE_PRESENT * len(expected))]
    late, on_time = present[: len(LATE_ARRIVALS)], present[len(LATE_ARRIVALS) :]
    for delegate, time in zip(late, LATE_ARRIVALS, strict=True):
        delegate.checked_in_at = _local(time)
    for delegate in on_time:
        delegate.checked_in_at = _local(dt.time(7, 0)) + dt.timedelta(seconds=rng.randint(0, 28 * 60))
    for delegate, time in zip(on_time[: len(EARLY_DEPARTURES)], EARLY_DEPARTURES, strict=True):
        delegate.left_at = _local(time)
    Delegate.objects.bulk_update(present, ["checked_in_at", "left_at"])
    conference.status = Conference.Status.HELD
    conference.save(update_fields=["status"])
    audit.record(
        "training.attendance_reconstructed",
        actor=organizer,
        target=conference,
        unit_id=conference.organizer_unit_id,
        data={"present": len(present), "late": len(late), "left_early": len(EARLY_DEPARTURES)},
    )
    return Summary(
        conference=conference,
        units_reached=len(units),
        accounts=accounts,
        invited=invited,
        expected=len(expected),
        present=len(present),
        late=len(late),
        left_early=len(EARLY_DEPARTURES),
        substitutes=len(deputies),
        declined=len(declining),
    )
