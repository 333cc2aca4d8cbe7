"""The demo ward's conventions (issue 11, item 7), built through the actions:

- 14758-01 (Tổ dân phố 1; `villagehead`, `villagefront`, and the demo `resident` who comments online): a
  draft posted for comment 10 days ago, 20 days of its 30-day posting period left (D61 Art 9(1)), with
  comments entered from paper and a meeting, and one hidden with its reason;
- 14758-08 (Tổ dân phố 8; `villagehead-08`, `villagefront-08`): a convention adopted at a meeting,
  filed, recognized by the `chair` and in force from today; the text sent out.

Everything happens "today", except that each draft is dated back to the day it was posted (`_written_ago`,
one documented update): the 30-day posting period cannot be waited for in a demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import Role, User
from grassroots.people.demo import DEMO_WARD
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, create_demo_official
from grassroots.territory.models import Unit

from .. import actions, rules
from ..models import CommentChannel, Convention, Kind, ProposedVia, Version
from .meeting import hold_adoption_meeting

POSTED_CODE, IN_FORCE_CODE = f"{DEMO_WARD}-01", f"{DEMO_WARD}-08"
POSTED_DAYS_AGO = 10
IN_FORCE_PRESENT, IN_FORCE_AGREE = 168, 151  # of 250 households: a quorum and more than half agreeing
LEADERS_08 = ("Trần Văn Khải", "Phạm Thị Nhung")

TEXT = """QUY ƯỚC {name}
Chương I. NHỮNG QUY ĐỊNH CHUNG
Điều 1. Mục đích
Quy ước này nhằm giữ gìn nếp sống văn minh, đoàn kết, giúp đỡ nhau trong {name}.
Điều 2. Phạm vi áp dụng
Quy ước áp dụng với mọi hộ gia đình và người sinh sống trong {name}.
Chương II. NHỮNG QUY ĐỊNH CỤ THỂ
Điều 3. Vệ sinh môi trường
Mỗi hộ phân loại rác tại nguồn, để rác đúng nơi quy định từ 17 giờ đến 19 giờ hằng ngày.
Không đốt rác, không xả nước thải ra đường, ngõ.
Điều 4. Trật tự, yên tĩnh
Không dùng loa, nhạc âm lượng lớn sau 22 giờ và trước 6 giờ.
Điều 5. Việc cưới, việc tang
Tổ chức việc cưới, việc tang văn minh, tiết kiệm; không rải vàng mã trên đường.
Chương III. KHEN THƯỞNG VÀ XỬ LÝ VI PHẠM
Điều 6. Khen thưởng
Hộ gia đình thực hiện tốt Quy ước được biểu dương tại hội nghị tổ dân phố cuối năm.
Điều 7. Xử lý vi phạm
Hộ vi phạm được nhắc nhở, góp ý tại cuộc họp tổ dân phố.
"""

TEAM = [
    rules.TeamMember("Nguyễn Văn Thọ", is_elder=True),
    rules.TeamMember("Lê Thị Hòa"),
    rules.TeamMember("Đỗ Minh Khang"),
]
TEAM_ROLES = ["người cao tuổi, có uy tín", "Chi hội Phụ nữ", "Chi đoàn Thanh niên"]


@dataclass(frozen=True)
class DemoConvention:
    state: str
    convention: Convention
    account: str


def _written_ago(version: Version, days: int) -> Version:
    """Date the draft back `days` days, so that its posting can be recorded on that day (demo only)."""
    Version.objects.filter(pk=version.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    version.refresh_from_db()
    return version


def _official(username: str, role: Role, unit: Unit, name: str) -> User:
    found = User.objects.filter(username=username).first()
    return found or create_demo_official(username, role, unit, name, password_hash=make_password(DEMO_PASSWORD))


def _draft(head: User, village: Unit, days_ago: int) -> Version:
    convention = actions.propose(actor=head, village=village, kind=Kind.QUY_UOC, title=f"Quy ước {village.name}",
                                 proposed_via=ProposedVia.VILLAGE_HEAD, front_agreed=True)  # fmt: skip
    actions.set_team(convention, actor=head, members=TEAM, roles=TEAM_ROLES)
    version = actions.add_version(convention, actor=head, text=TEXT.format(name=village.name),
                                  change_note="Dự thảo lần đầu theo Nghị định 61/2023/NĐ-CP.")  # fmt: skip
    version = _written_ago(version, days_ago)
    return actions.post_version(version, actor=head, posted_on=timezone.localdate() - dt.timedelta(days=days_ago),
                                place=f"Nhà văn hóa {village.name}")  # fmt: skip


def posted_for_comment() -> Convention:
    village = Unit.objects.get(code=POSTED_CODE)
    head, front = User.objects.get(username="villagehead"), User.objects.get(username="villagefront")
    version = _draft(head, village, POSTED_DAYS_AGO)
    today = timezone.localdate()
    actions.enter_comment(version, actor=front, channel=CommentChannel.PAPER, author_name="Hộ bà Nguyễn Thị Lan",
                          body="Đề nghị cho đổ rác cả buổi sáng từ 5 giờ đến 6 giờ.", given_on=today - dt.timedelta(days=6),
                          article=3)  # fmt: skip
    actions.enter_comment(version, actor=head, channel=CommentChannel.MEETING, author_name="Hộ ông Trần Văn Sơn",
                          body="Nên ghi rõ mức biểu dương cho hộ gương mẫu.", given_on=today - dt.timedelta(days=3),
                          article=6)  # fmt: skip
    spam = actions.enter_comment(version, actor=front, channel=CommentChannel.BOX, author_name="Không ghi tên",
                                 body="Quảng cáo bán hàng.", given_on=today - dt.timedelta(days=2))  # fmt: skip
    actions.hide_comment(spam, actor=front, reason="Nội dung quảng cáo, không góp ý cho dự thảo.")
    return version.convention


def in_force() -> Convention:
    village = Unit.objects.get(code=IN_FORCE_CODE)
    head = _official("villagehead-08", Role.VILLAGE_HEAD, village, LEADERS_08[0])
    front = _official("villagefront-08", Role.VILLAGE_FRONT_HEAD, village, LEADERS_08[1])
    chair = User.objects.get(username="chair")
    version = actions.put_to_vote(_draft(head, village, 40), actor=head)
    hold_adoption_meeting(version, head=head, front=front, present=IN_FORCE_PRESENT, agree=IN_FORCE_AGREE)
    signatories = {"village_head": LEADERS_08[0], "front_head": LEADERS_08[1], "representative_1": "Nguyễn Văn Thọ",
                   "representative_2": "Lê Thị Hòa"}  # fmt: skip
    version = actions.file_dossier(
        version, actor=head, request_text=f"Đề nghị Ủy ban nhân dân phường công nhận Quy ước {village.name}.",
        decision_text=f"Hội nghị {village.name} thông qua Quy ước gồm 3 chương, 7 điều.", signatories=signatories,
    )  # fmt: skip
    version = actions.recognize(version, actor=chair, decision_number="15")
    actions.record_distribution(version, actor=chair, distributed_on=timezone.localdate(),
                                also_via="Hệ thống loa truyền thanh của phường; bản sao gửi từng hộ")  # fmt: skip
    return version.convention


def exists() -> bool:
    return Convention.objects.filter(village__code__in=[POSTED_CODE, IN_FORCE_CODE]).exists()


@transaction.atomic
def build() -> list[DemoConvention]:
    return [
        DemoConvention("posted for comment", posted_for_comment(), "villagehead"),
        DemoConvention("in force", in_force(), "chair"),
    ]
