"""The people of the demo matters (the cast: each group's village head, Front head and households), the
numbers each matter is built with, and the steps the matters share."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.core import audit
from grassroots.people import demo as people_demo
from grassroots.people.linking import confirm_link_proposal, propose_resident_link
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, create_demo_official
from grassroots.people.models import Household, Representation
from grassroots.territory.models import Unit

from .. import actions, rules
from ..models import Form, Matter, Meeting, TabledVia, TeamMember

WARD = people_demo.DEMO_WARD
SEED = 2026


def group(number: int) -> str:
    return f"{WARD}-{number:02d}"


# Leaders of residential groups 2–7 (group 1 has seed_demo's `villagehead` and `villagefront`).
GROUP_LEADERS = {
    2: ("Phạm Văn Hòa", "Lê Thị Thu"),
    3: ("Trịnh Đức Thắng", "Nguyễn Thị Hạnh"),
    4: ("Lê Văn Bình", "Hoàng Thị Loan"),
    5: ("Nguyễn Hữu Phúc", "Đặng Thị Mai"),
    6: ("Vũ Quang Huy", "Bùi Thị Hương"),
    7: ("Mai Xuân Trường", "Đinh Thị Yến"),
}

# The counts of each matter (the tests read them too).
OPEN_VOTE_ACCOUNTS, OPEN_VOTE_VOTES = 120, 100  # 14758-01: 100 of 250 households (40%) voted so far
OPEN_VOTE_SPLIT = (82, 11, 7)  # agree, disagree, other
OPEN_VOTE_OPTIN = 168
MEETING_PRESENT = 172  # 14758-02: at least 2/3 of 250, so an item-1 decision is still reachable
SLIPS = 95  # 14758-03
SLIPS_SPLIT = (71, 16, 8)
HEAD_ELECTION = (168, (151, 11, 6))  # 14758-04: present; agree, disagree, other (secret ballot)
BOARD_ELECTION = (146, (133, 9, 4))  # 14758-05 (show of hands)
CONVENTION = (181, (164, 12, 5))  # 14758-06 (show of hands)
EFFECTIVE_VOTE_ACCOUNTS = 200  # 14758-07
EFFECTIVE_VOTE_SPLIT = (152, 21, 12)
EFFECTIVE_VOTE_OPTIN = 190

ONLINE_TEAM = [
    ("{front}", "Trưởng ban công tác Mặt trận", True),
    ("Nguyễn Văn Kỹ", "đoàn viên, phụ trách kỹ thuật", False),
    ("Trần Thị Lụa", "đại diện hộ gia đình", False),
]
BALLOT_TEAM = [
    ("{front}", "Trưởng ban công tác Mặt trận", True),
    ("Đỗ Văn Toàn", "Chi hội Cựu chiến binh", False),
    ("Phạm Thị Nhàn", "Chi hội Phụ nữ", False),
]
COUNTING_COMMITTEE = [
    ("Hà Văn Tùng", "Chi hội Cựu chiến binh", True),
    ("Lương Thị Vân", "Chi hội Phụ nữ", False),
    ("Cao Đức Lâm", "Chi đoàn Thanh niên", False),
]
OTHER_OPINIONS = [
    "Đồng ý nhưng đề nghị thông báo lịch trước một tuần.",
    "Đề nghị bàn thêm tại cuộc họp tổ dân phố.",
    "Nên lấy thêm ý kiến các hộ kinh doanh.",
]


@dataclass
class Cast:
    """The accounts the demo acts as: the commune's and each group's leaders."""

    password_hash: str
    chair: User
    front: User
    leaders: dict[str, tuple[User, User]] = field(default_factory=dict)  # group code: (head, Front head)
    units: dict[str, Unit] = field(default_factory=dict)

    def head(self, code: str) -> User:
        return self.leaders[code][0]

    def front_head(self, code: str) -> User:
        return self.leaders[code][1]


@dataclass(frozen=True)
class DemoMatter:
    key: str
    state: str
    matter: Matter
    account: str  # who to log in as to see or take the next step
    url: str


def full_name(user: User) -> str:
    """Vietnamese order: family and middle names first (seed_demo stores the given name as first_name)."""
    return f"{user.last_name} {user.first_name}".strip()


def _cast(groups: Iterable[str]) -> Cast:
    users = {u.username: u for u in User.objects.filter(username__in=["chair", "front", "villagehead", "villagefront"])}
    cast = Cast(
        password_hash=make_password(DEMO_PASSWORD),
        chair=users["chair"],
        front=users["front"],
    )
    cast.units = {u.code: u for u in Unit.objects.filter(code__in=list(groups))}
    for code in sorted(cast.units):
        number = int(code.rsplit("-", 1)[1])
        if number == 1:
            cast.leaders[code] = (users["villagehead"], users["villagefront"])
            continue
        head_name, front_name = GROUP_LEADERS[number]
        unit = cast.units[code]
        cast.leaders[code] = (
            create_demo_official(
                f"villagehead-{number:02d}", Role.VILLAGE_HEAD, unit, head_name, password_hash=cast.password_hash
            ),
            create_demo_official(
                f"villagefront-{number:02d}",
                Role.VILLAGE_FRONT_HEAD,
                unit,
                front_name,
                password_hash=cast.password_hash,
            ),
        )
    return cast


def _households(unit: Unit) -> list[Household]:
    return list(Household.objects.active().filter(unit=unit).order_by("code"))


def _representatives(unit: Unit, households: Iterable[Household]) -> dict[int, Representation]:
    ids = [h.pk for h in households]
    reps = Representation.objects.filter(household_id__in=ids, valid_to__isnull=True).select_related("resident")
    return {rep.household_id: rep for rep in reps}


def link_representatives(
    unit: Unit, households: list[Household], *, by: User, confirmed_by: User, password_hash: str
) -> list[User]:
    """Accounts `ho-<household code>` for the representatives of these households, linked to the register
    as two officials do it: the village head `by` proposes, `confirmed_by` of the commune confirms
    (people.linking), each with its role of household representative (all audited).
    `password_hash`: the hashed demo password."""
    reps = _representatives(unit, households)
    users = []
    for household in households:
        rep = reps[household.pk]
        surname, _sep, given = rep.resident.full_name.rpartition(" ")
        user = User.objects.create(
            username=f"ho-{household.code}", first_name=given, last_name=surname, password=password_hash
        )
        proposal = propose_resident_link(user, rep.resident, household, actor=by)
        confirm_link_proposal(proposal, actor=confirmed_by)
        user.refresh_from_db()
        RoleAssignment.objects.create(
            user=user, unit=unit, role=Role.HOUSEHOLD_REPRESENTATIVE, valid_from=people_demo.REGISTERED_ON
        )
        audit.record(
            "accounts.role_granted",
            actor=by,
            target=user,
            unit_id=unit.pk,
            data={"role": Role.HOUSEHOLD_REPRESENTATIVE.value},
        )
        users.append(user)
    return users


def _link_accounts(cast: Cast, unit: Unit, households: list[Household]) -> list[User]:
    return link_representatives(
        unit, households, by=cast.head(unit.code), confirmed_by=cast.chair, password_hash=cast.password_hash
    )


def _choices(rng: random.Random, split: tuple[int, int, int]) -> list[str]:
    agree, disagree, other = split
    choices = [rules.Choice.AGREE.value] * agree + [rules.Choice.DISAGREE.value] * disagree
    choices += [rules.Choice.OTHER.value] * other
    rng.shuffle(choices)
    return choices


def _table(cast: Cast, code: str, *, item: int, title: str, question: str, description: str = "") -> Matter:
    """Tabled by the village head; both the head and the head of the Front work committee agree (Art 16(2))."""
    head, front = cast.leaders[code]
    matter = actions.create_matter(
        actor=head,
        unit=cast.units[code],
        item=item,
        title=title,
        question=question,
        description=description,
        tabled_via=TabledVia.VILLAGE_HEAD,
    )
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=front, who="front")
    return matter


def _team(cast: Cast, code: str, members: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    front = full_name(cast.front_head(code))
    return [(name.format(front=front), role, lead) for name, role, lead in members]


def _prepare_online(cast: Cast, matter: Matter, *, optin: int) -> None:
    """D59 Art 5(1)–(2): the opt-in poll, both commune bodies told, the online-vote team."""
    head = cast.head(matter.unit.code)
    actions.record_optin_poll(matter, actor=head, yes=optin)
    actions.record_notification(matter, actor=head, body="committee")
    actions.record_notification(matter, actor=head, body="front")
    actions.set_team(
        matter, actor=head, team=TeamMember.Team.ONLINE_TEAM, members=_team(cast, matter.unit.code, ONLINE_TEAM)
    )


def _vote(matter: Matter, voters: list[User], choices: list[str], rng: random.Random) -> None:
    for user, choice in zip(voters, choices, strict=True):
        comment = rng.choice(OTHER_OPINIONS) if choice == rules.Choice.OTHER else ""
        actions.cast_online_vote(matter.pk, user=user, choice=choice, comment=comment)


def _meeting(cast: Cast, matter: Matter, *, starts_at: dt.datetime, place: str, documents: bool = False) -> Meeting:
    """Opened for a community meeting; notice (and documents) out 3 days ahead (D59 Art 3(3)–(4))."""
    head = cast.head(matter.unit.code)
    actions.open_matter(matter, actor=head, form=Form.MEETING)
    sent = timezone.localtime(starts_at).date() - dt.timedelta(days=3)
    meeting = actions.schedule_meeting(
        matter,
        actor=head,
        starts_at=starts_at,
        place=place,
        notice_sent_on=sent,
        documents_delivered_on=sent if documents else None,
    )
    meeting.matter = matter
    return meeting


def _attend(cast: Cast, meeting: Meeting, rng: random.Random, present: int) -> list[Household]:
    head = cast.head(meeting.matter.unit.code)
    households = sorted(rng.sample(_households(meeting.matter.unit), present), key=lambda h: h.code)
    for household in households:
        actions.record_attendance(meeting, actor=head, household=household)
    return households


def _secretary(cast: Cast, meeting: Meeting, households: list[Household], yes: int) -> None:
    rep = _representatives(meeting.matter.unit, households[:1])[households[0].pk]
    actions.elect_secretary(meeting, actor=cast.head(meeting.matter.unit.code), name=rep.resident.full_name, yes=yes)


def _decide_at_meeting(
    cast: Cast,
    matter: Matter,
    rng: random.Random,
    *,
    counts: tuple[int, tuple[int, int, int]],
    method: str,
    documents: bool = False,
) -> list[Household]:
    """A whole community meeting (D59 Art 3): attendance, secretary, method, (counting committee and
    witnesses for a secret ballot), the count; then closed and counted against all households."""
    code = matter.unit.code
    head = cast.head(code)
    present, (agree, disagree, other) = counts
    starts_at = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    meeting = _meeting(cast, matter, starts_at=starts_at, place=f"Nhà văn hóa {matter.unit.name}", documents=documents)
    households = _attend(cast, meeting, rng, present)
    yes = present - present // 10  # the procedural votes pass by a wide margin
    _secretary(cast, meeting, households, yes)
    actions.choose_method(meeting, actor=head, method=method, yes=yes)
    if method == Meeting.Method.SECRET:
        actions.approve_counting_committee(meeting, actor=head, members=COUNTING_COMMITTEE, yes=yes)
        reps = _representatives(matter.unit, households[1:3])
        witnesses = [(reps[h.pk].resident.full_name, "đại diện hộ gia đình", False) for h in households[1:3]]
        actions.set_team(matter, actor=head, team=TeamMember.Team.WITNESS, members=witnesses)
    actions.record_meeting_count(meeting, actor=head, method=method, agree=agree, disagree=disagree, other=other)
    actions.close_matter(matter, actor=head)
    return households


def _file(cast: Cast, matter: Matter, households: list[Household], decision_text: str) -> Matter:
    """The decision record (Form 03), signed by the head, the Front head and 2 representatives (Art 20(2))."""
    code = matter.unit.code
    reps = _representatives(matter.unit, households[-2:])
    signers = [reps[h.pk].resident.full_name for h in households[-2:]]
    signatories = {
        "village_head": full_name(cast.head(code)),
        "front_head": full_name(cast.front_head(code)),
        "representative_1": signers[0],
        "representative_2": signers[1],
    }
    return actions.file_record(matter, actor=cast.head(code), decision_text=decision_text, signatories=signatories)
