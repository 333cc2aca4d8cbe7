"""The demo ward's village heads (issue 11, item 7), built through the actions like everything else:

- 14758-01  a completed election: the sitting head (demo `villagehead`) re-elected by secret ballot three
            days ago and recognized today by the ward chair (`chair`); the election team was led by the
            Front work committee head (`villagefront`), who recorded the result;
- the other groups: their heads in office since March 2022 (recorded by the chair);
- 14758-09  an election in preparation: decided 18 days ago for 12 days from now; the Front work
            committee's candidate list was due 15 days before the election day and is late (the console
            and the ward's flags say so, with D59 Art 6).

The steps carry the days they happened (`today=`), so a demo built today reads as a real timeline.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.decisions.demo.cast import GROUP_LEADERS
from grassroots.decisions.rules import Item, least_agreeing_to_adopt
from grassroots.people.actions import household_count_on
from grassroots.people.demo import DEMO_WARD
from grassroots.territory.models import Unit

from . import actions
from .models import Election

COMPLETED = f"{DEMO_WARD}-01"
PREPARING = f"{DEMO_WARD}-09"
# The heads in office of the other groups, recognized in March 2022 (terms until March 2027); groups 2–7
# are led by decisions' demo leaders.
OTHER_HEADS = {**{n: head for n, (head, _front) in GROUP_LEADERS.items()}, 8: "Cao Văn Lộc", 10: "Tống Thị Nga",
               11: "Lò Văn Pấng", 12: "Kiều Văn Sơn"}  # fmt: skip
HEADS_SINCE = dt.date(2022, 3, 15)


def _name(user: User) -> str:
    return f"{user.last_name} {user.first_name}".strip()


@transaction.atomic
def build() -> list[Election]:
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=["chair", "villagehead", "villagefront"])}
    chair, head, front = users["chair"], users["villagehead"], users["villagefront"]
    others = {f"{DEMO_WARD}-{n:02d}": name for n, name in OTHER_HEADS.items()}
    units = {u.code: u for u in Unit.objects.filter(code__in=[COMPLETED, PREPARING, *others])}
    accounts = {u.username: u for u in User.objects.filter(username__startswith="villagehead-")}
    for code, name in sorted(others.items()):
        if code in units:
            account = accounts.get(f"villagehead-{code[-2:]}")
            actions.record_sitting_head(units[code], actor=chair, name=name, user=account, started_on=HEADS_SINCE)

    # 14758-01: completed and recognized.
    group = units[COMPLETED]
    actions.record_sitting_head(group, actor=chair, name=_name(head), user=head, started_on=dt.date(2021, 6, 1))
    day = today - dt.timedelta(days=3)
    decided = day - dt.timedelta(days=30)
    election = actions.decide_election(group, actor=chair, election_day=day, place="Nhà văn hóa Tổ dân phố 1",
                                       plan="Bầu tổ trưởng Tổ dân phố 1 nhiệm kỳ mới.\nHội nghị bỏ phiếu kín.",
                                       today=decided)  # fmt: skip
    actions.file_candidates(election, actor=front, front=[(_name(head), head), ("Lương Văn Bình", None)],
                            households=[("Hà Thị Cúc", None)], today=decided + dt.timedelta(days=4))  # fmt: skip
    actions.form_team(election, actor=chair, leader=(_name(front), front),
                      members=[("Phan Thị Hội", None, "Hội Liên hiệp Phụ nữ"), ("Tạ Văn Đoàn", None, "Đoàn Thanh niên"),
                               ("Khúc Văn Hộ", None, "đại diện hộ gia đình")],
                      today=decided + dt.timedelta(days=8))  # fmt: skip
    actions.announce(election, actor=chair, how="Niêm yết tại nhà văn hóa và thông báo trên loa truyền thanh",
                     today=decided + dt.timedelta(days=10))  # fmt: skip
    households = household_count_on(group, day)
    present = households * 4 // 5
    needed = least_agreeing_to_adopt(Item.VILLAGE_HEAD, households) or 1
    first = min(present, needed + households // 10)
    second = (present - first) * 2 // 3
    third = max(0, present - first - second - 3)
    votes = dict(zip([c.pk for c in election.candidates.order_by("pk")], (first, second, third), strict=True))
    actions.record_result(election, actor=front, method=Election.Method.SECRET, present=present, votes=votes,
                          today=day)  # fmt: skip
    election.refresh_from_db()
    actions.recognize(election, actor=chair, today=today)
    election.refresh_from_db()

    # 14758-09: in preparation, the candidate list late.
    group = units[PREPARING]
    actions.record_sitting_head(group, actor=chair, name="Vương Văn Tâm", started_on=dt.date(2021, 12, 20))
    preparing = actions.decide_election(group, actor=chair, election_day=today + dt.timedelta(days=12),
                                        place="Nhà văn hóa Tổ dân phố 9",
                                        plan="Bầu tổ trưởng Tổ dân phố 9.\nBan công tác Mặt trận lập danh sách người ứng cử.",
                                        today=today - dt.timedelta(days=18))  # fmt: skip
    return [election, preparing]
