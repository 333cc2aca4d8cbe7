"""The demo ward's community matters: one in every state (issue 4, item 10).

Built in the residential groups of Phường Hạc Thành (seed_demo) through the same actions the console
calls, so every write is checked against the law (decisions.rules) and leaves its audit event:

- 14758-01  item 6, online vote OPEN until 5 days from now; about 40% of households have voted
            (the demo `resident` has not: log in by phone and vote);
- 14758-02  item 1, community meeting under way: documents and notice out 3 days ahead, attendance
            being recorded, secretary elected;
- 14758-03  item 6, household ballot slips: ballot team set, slips being entered;
- 14758-04  item 5, People's Inspection Board member elected at a meeting, counted and filed: waiting for
            recognition (village-head elections are run by the elections app, D59 Arts 6–8);
- 14758-05  item 5, board member elected at a meeting, filed, refused by the commune Front in writing;
- 14758-06  item 3, the village convention, recognized by the commune chair;
- 14758-07  item 6, online vote counted after its window, adopted and in effect (public bulletin).

Deterministic: the same seed picks the same households, accounts and choices (receipt codes and ballot
tokens are random by design). Everything happens "today": nothing moves the clock, except that the
finished online vote's window is ended with one documented update (`_end_window`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import User

from .. import actions, rules
from ..access import represented_household
from ..models import Form, Matter, Meeting, TeamMember
from .cast import (
    BALLOT_TEAM,
    BOARD_ELECTION,
    CONVENTION,
    EFFECTIVE_VOTE_ACCOUNTS,
    EFFECTIVE_VOTE_OPTIN,
    EFFECTIVE_VOTE_SPLIT,
    HEAD_ELECTION,
    MEETING_PRESENT,
    OPEN_VOTE_ACCOUNTS,
    OPEN_VOTE_OPTIN,
    OPEN_VOTE_SPLIT,
    OPEN_VOTE_VOTES,
    OTHER_OPINIONS,
    SEED,
    SLIPS,
    SLIPS_SPLIT,
    Cast,
    DemoMatter,
    _attend,
    _cast,
    _choices,
    _decide_at_meeting,
    _file,
    _households,
    _link_accounts,
    _meeting,
    _prepare_online,
    _representatives,
    _secretary,
    _table,
    _team,
    _vote,
    full_name,
    group,
    link_representatives,
)

__all__ = [
    "EFFECTIVE_VOTE_SPLIT",
    "MEETING_PRESENT",
    "RECIPES",
    "SEED",
    "SLIPS",
    "DemoMatter",
    "build",
    "group",
    "link_representatives",
]


# --- The matters, one per state ------------------------------------------------------------------
def online_vote_open(cast: Cast, rng: random.Random) -> Matter:
    """14758-01: item 6 open online for 5 more days; 40% of households voted, not the demo `resident`."""
    code = group(1)
    unit = cast.units[code]
    matter = _table(
        cast,
        code,
        item=rules.Item.OTHER,
        title="Tổng vệ sinh ngõ xóm Chủ nhật cuối tháng",
        question="Đồng ý tổ chức tổng vệ sinh đường, ngõ của tổ dân phố từ 7 giờ đến 9 giờ sáng Chủ nhật "
        "cuối cùng mỗi tháng, mỗi hộ cử một người tham gia?",
        description="Ban công tác Mặt trận chuẩn bị dụng cụ; rác được tập kết tại đầu ngõ 5 để xe của "
        "phường thu gom trước 10 giờ.",
    )
    _prepare_online(cast, matter, optin=OPEN_VOTE_OPTIN)
    actions.open_matter(
        matter, actor=cast.head(code), form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=5)
    )
    resident = User.objects.filter(username="resident").first()
    theirs = represented_household(resident) if resident is not None else None
    others = [h for h in _households(unit) if theirs is None or h.pk != theirs.pk]
    households = sorted(rng.sample(others, OPEN_VOTE_ACCOUNTS), key=lambda h: h.code)
    voters = _link_accounts(cast, unit, households)
    _vote(matter, rng.sample(voters, OPEN_VOTE_VOTES), _choices(rng, OPEN_VOTE_SPLIT), rng)
    return matter


def meeting_under_way(cast: Cast, rng: random.Random) -> Matter:
    """14758-02: item 1 at a community meeting that started 45 minutes ago; attendance being recorded."""
    code = group(2)
    matter = _table(
        cast,
        code,
        item=rules.Item.INFRASTRUCTURE,
        title="Bê tông hóa ngõ 12 đường Bà Triệu",
        question="Đồng ý bê tông hóa ngõ 12 (dài 320 m, dự toán 410 triệu đồng; ngân sách phường hỗ trợ "
        "60%), mỗi hộ đóng góp 650.000 đồng?",
        description="Thi công trong 45 ngày, xong trước Tết. Ban giám sát đầu tư của cộng đồng giám sát "
        "thi công; thu chi công khai tại nhà văn hóa.",
    )
    starts_at = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=45)
    meeting = _meeting(cast, matter, starts_at=starts_at, place="Nhà văn hóa Tổ dân phố 2", documents=True)
    households = _attend(cast, meeting, rng, MEETING_PRESENT)
    _secretary(cast, meeting, households, yes=MEETING_PRESENT - 20)
    return matter


def ballot_round(cast: Cast, rng: random.Random) -> Matter:
    """14758-03: item 6 by household ballot slips; the ballot team collects them, some entered."""
    code = group(3)
    head = cast.head(code)
    matter = _table(
        cast,
        code,
        item=rules.Item.OTHER,
        title="Giờ sinh hoạt văn nghệ tại sân nhà văn hóa",
        question="Đồng ý các câu lạc bộ văn nghệ, dưỡng sinh sinh hoạt tại sân nhà văn hóa từ 5 giờ 30 "
        "đến 6 giờ 30 và từ 19 giờ đến 21 giờ, không dùng loa sau 21 giờ?",
    )
    actions.open_matter(matter, actor=head, form=Form.BALLOT, closes_at=timezone.now() + dt.timedelta(days=3))
    actions.set_team(matter, actor=head, team=TeamMember.Team.BALLOT_TEAM, members=_team(cast, code, BALLOT_TEAM))
    actions.mark_all_delivered(matter, actor=head)
    households = rng.sample(_households(cast.units[code]), SLIPS)
    for household, choice in zip(households, _choices(rng, SLIPS_SPLIT), strict=True):
        comment = rng.choice(OTHER_OPINIONS) if choice == rules.Choice.OTHER else ""
        actions.record_slip(matter, actor=head, household_code=household.code, choice=choice, comment=comment)
    return matter


def inspection_member_election(cast: Cast, rng: random.Random) -> Matter:
    """14758-04: item 5 decided at a meeting (secret ballot), filed: waiting for the commune Front's recognition."""
    code = group(4)
    matter = _table(
        cast,
        code,
        item=rules.Item.BOARD_MEMBERS,
        title="Bầu thành viên Ban Thanh tra nhân dân phường tại Tổ dân phố 4",
        question="Đồng ý bầu bà Đỗ Thị Hạnh làm thành viên Ban Thanh tra nhân dân phường?",
    )
    households = _decide_at_meeting(cast, matter, rng, counts=HEAD_ELECTION, method=Meeting.Method.SECRET)
    return _file(
        cast,
        matter,
        households,
        "Hội nghị Tổ dân phố 4 bầu bà Đỗ Thị Hạnh làm thành viên Ban Thanh tra nhân dân "
        "phường. Đề nghị Ủy ban Mặt trận Tổ quốc phường công nhận.",
    )


def board_member_refused(cast: Cast, rng: random.Random) -> Matter:
    """14758-05: item 5 decided at a meeting, filed, and refused in writing by the commune Front (Art 21(2))."""
    code = group(5)
    matter = _table(
        cast,
        code,
        item=rules.Item.BOARD_MEMBERS,
        title="Bầu thành viên Ban giám sát đầu tư của cộng đồng Tổ dân phố 5",
        question="Đồng ý bầu ông Lại Văn Kiên làm thành viên Ban giám sát đầu tư của cộng đồng?",
    )
    households = _decide_at_meeting(cast, matter, rng, counts=BOARD_ELECTION, method=Meeting.Method.HANDS)
    _file(
        cast,
        matter,
        households,
        "Hội nghị Tổ dân phố 5 bầu ông Lại Văn Kiên làm thành viên Ban giám sát đầu "
        "tư của cộng đồng. Đề nghị Ủy ban Mặt trận Tổ quốc phường công nhận.",
    )
    return actions.refuse(
        matter,
        actor=cast.front,
        reason=(
            "Ông Lại Văn Kiên đang là thành viên Ban quản lý dự án cải tạo nhà văn hóa tổ dân phố, công trình mà Ban "
            "giám sát đầu tư của cộng đồng sẽ giám sát, nên không bảo đảm tính khách quan. Đề nghị Tổ dân phố 5 giới "
            "thiệu người khác và tổ chức bầu lại."
        ),
    )


def convention_recognized(cast: Cast, rng: random.Random) -> Matter:
    """14758-06: item 3, the convention adopted at a meeting with its quorum, recognized by the chair."""
    code = group(6)
    matter = _table(
        cast,
        code,
        item=rules.Item.CONVENTION,
        title="Quy ước Tổ dân phố 6 (sửa đổi, bổ sung)",
        question="Đồng ý thông qua Quy ước Tổ dân phố 6 sửa đổi, bổ sung gồm 5 chương, 24 điều?",
        description="Bổ sung quy định về phân loại rác tại nguồn, giữ trật tự sau 22 giờ và việc cưới, "
        "việc tang văn minh.",
    )
    households = _decide_at_meeting(cast, matter, rng, counts=CONVENTION, method=Meeting.Method.HANDS, documents=True)
    _file(
        cast,
        matter,
        households,
        "Hội nghị Tổ dân phố 6 thông qua Quy ước sửa đổi, bổ sung gồm 5 chương, 24 "
        "điều. Đề nghị Ủy ban nhân dân phường công nhận.",
    )
    return actions.recognize(matter, actor=cast.chair)


def _end_window(matter: Matter) -> Matter:
    """End an online vote's announced window now.

    The demo is built in one go, at one moment, without moving the clock. An online vote may not be
    closed before its announced end (D59 Art 5(3); actions.close_matter refuses), and votes can be cast
    only before it: so the vote is opened with an end in the future, the votes are cast, and only then
    is its end set to a moment already past, as if the days of voting had gone by. A queryset update,
    because no action moves an announced end (nobody may, in real use).
    """
    Matter.objects.filter(pk=matter.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    matter.refresh_from_db()
    return matter


def online_vote_in_effect(cast: Cast, rng: random.Random) -> Matter:
    """14758-07: item 6 voted online, counted after its window, adopted and filed: in effect (Art 21(2))."""
    code = group(7)
    head = cast.head(code)
    unit = cast.units[code]
    matter = _table(
        cast,
        code,
        item=rules.Item.OTHER,
        title="Đặt tên sân chơi thiếu nhi là “Sân chơi Hoa Sen”",
        question="Đồng ý đặt tên sân chơi thiếu nhi cạnh nhà văn hóa Tổ dân phố 7 là “Sân chơi Hoa Sen”?",
    )
    _prepare_online(cast, matter, optin=EFFECTIVE_VOTE_OPTIN)
    actions.open_matter(matter, actor=head, form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=5))
    households = sorted(rng.sample(_households(unit), EFFECTIVE_VOTE_ACCOUNTS), key=lambda h: h.code)
    voters = _link_accounts(cast, unit, households)
    choices = _choices(rng, EFFECTIVE_VOTE_SPLIT)
    _vote(matter, rng.sample(voters, len(choices)), choices, rng)
    actions.close_matter(_end_window(matter), actor=head)
    reps = _representatives(unit, households[:2])
    signatories = {
        "village_head": full_name(head),
        "front_head": full_name(cast.front_head(code)),
        "representative_1": reps[households[0].pk].resident.full_name,
        "representative_2": reps[households[1].pk].resident.full_name,
    }
    return actions.file_record(
        matter,
        actor=head,
        signatories=signatories,
        decision_text=(
            "Các hộ gia đình Tổ dân phố 7 biểu quyết trực tuyến đồng ý đặt tên sân chơi thiếu nhi là “Sân chơi Hoa "
            "Sen”. Ban công tác Mặt trận làm biển tên trong tháng."
        ),
    )


QUEUE = "decisions:recognition"  # the commune's queue: decisions to recognize, records filed


@dataclass(frozen=True)
class Recipe:
    key: str
    number: int  # the residential group
    state: str
    build: Callable[[Cast, random.Random], Matter]
    account: str  # who to log in as for the page; "" for anyone (a public page)
    page: str = "decisions:matter"

    def url(self, matter: Matter) -> str:
        return reverse(self.page) if self.page == QUEUE else reverse(self.page, args=[matter.pk])


RECIPES = [
    Recipe("online_open", 1, "online vote open", online_vote_open, "resident"),
    Recipe("meeting", 2, "meeting under way", meeting_under_way, "villagehead-02", "decisions:console-meeting"),
    Recipe("ballots", 3, "ballot slips being entered", ballot_round, "villagehead-03", "decisions:console-slips"),
    Recipe("awaiting_recognition", 4, "waiting for recognition", inspection_member_election, "front", QUEUE),
    Recipe("refused", 5, "recognition refused", board_member_refused, "front"),
    Recipe("recognized", 6, "recognized", convention_recognized, "chair"),
    Recipe("in_effect", 7, "in effect (adopted online)", online_vote_in_effect, "", "decisions:bulletin"),
]


@transaction.atomic
def build(keys: Iterable[str] | None = None, *, seed: int = SEED) -> list[DemoMatter]:
    """Build the demo matters (all, or those of `keys`) in the demo ward seed_demo made; one transaction.

    Each recipe has its own random generator, so building one alone gives it the same households.
    """
    wanted = [r for r in RECIPES if keys is None or r.key in set(keys)]
    cast = _cast(group(r.number) for r in wanted)
    built = []
    for recipe in wanted:
        rng = random.Random(f"{seed}-{recipe.key}")  # noqa: S311 (demo data: same seed, same data)
        matter = recipe.build(cast, rng)
        built.append(DemoMatter(recipe.key, recipe.state, matter, recipe.account, recipe.url(matter)))
    return built
