import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.conventions import actions, rules
from grassroots.conventions.demo.meeting import hold_adoption_meeting
from grassroots.conventions.models import Kind, ProposedVia, Version
from grassroots.library.citations import citation_pattern
from grassroots.people.models import Representation
from grassroots.people.tests.factories import make_household

TEXT = """QUY ƯỚC THÔN A1
Chương I. Quy định chung
Điều 1. Phạm vi điều chỉnh
Quy ước này quy định việc giữ gìn vệ sinh, trật tự trong thôn.
Điều 2. Vệ sinh môi trường
Mỗi hộ phân loại rác tại nguồn và đổ rác đúng giờ.
Điều 3. Việc cưới, việc tang
Tổ chức việc cưới, việc tang văn minh, tiết kiệm.
"""

TEXT_2 = (
    TEXT.replace("đổ rác đúng giờ.", "đổ rác từ 17 giờ đến 19 giờ.")
    + "Điều 4. Khen thưởng\nHộ gương mẫu được biểu dương tại hội nghị thôn.\n"
)

TEAM = [rules.TeamMember("Hoàng Văn Già", is_elder=True), rules.TeamMember("Lò Thị Nói", speaks_language=True)]


@pytest.fixture
def village(world):  # type: ignore[no-untyped-def]
    """Village A1 with 10 households (representatives with accounts), its head, Front head and the chair."""
    a1 = world["a"]["village1"]
    for _ in range(9):
        make_household(a1, members=1)
    voters = [
        UserFactory(username=f"rep{i}", resident=rep.resident)
        for i, rep in enumerate(Representation.objects.filter(household__unit=a1, valid_to__isnull=True)
                                .select_related("resident"))
    ]  # fmt: skip
    front = UserFactory(username="front_a1")
    grant(front, a1, Role.VILLAGE_FRONT_HEAD)
    chair = UserFactory(username="chair_a")
    grant(chair, world["a"]["commune"], Role.COMMUNE_CHAIR)
    commune_front = UserFactory(username="mttq_a")
    grant(commune_front, world["a"]["commune"], Role.COMMUNE_FRONT)
    head_b1 = UserFactory(username="head_b1")
    grant(head_b1, world["b"]["village1"], Role.VILLAGE_HEAD)
    chair_b = UserFactory(username="chair_b")
    grant(chair_b, world["b"]["commune"], Role.COMMUNE_CHAIR)
    return {**world, "a1": a1, "voters": voters, "head": world["head_a1"], "front": front, "chair": chair,
            "commune_front": commune_front, "head_b1": head_b1, "chair_b": chair_b}  # fmt: skip


def backdate(version: Version, days: int) -> Version:
    """Let `days` pass since the draft was written, so it can be recorded as posted that long ago."""
    Version.objects.filter(pk=version.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    version.refresh_from_db()
    return version


def drafted(village, *, ethnic_minority: bool = False):  # type: ignore[no-untyped-def]
    convention = actions.propose(actor=village["head"], village=village["a1"], kind=Kind.QUY_UOC,
                                 title="Quy ước thôn A1", proposed_via=ProposedVia.VILLAGE_HEAD, front_agreed=True,
                                 ethnic_minority=ethnic_minority)  # fmt: skip
    actions.set_team(convention, actor=village["head"], members=TEAM)
    return convention


def posted(village, *, days: int = 30, text: str = TEXT, convention=None):  # type: ignore[no-untyped-def]
    convention = convention or drafted(village)
    version = backdate(actions.add_version(convention, actor=village["head"], text=text), days)
    today = timezone.localdate()
    return actions.post_version(version, actor=village["head"], posted_on=today - dt.timedelta(days=days),
                                place="Nhà văn hóa thôn A1")  # fmt: skip


SIGNATORIES = {"village_head": "Trưởng Thôn", "front_head": "Trưởng Ban", "representative_1": "Hộ Một",
               "representative_2": "Hộ Hai"}  # fmt: skip


def adopted(village, *, present: int = 8, agree: int = 7, version=None):  # type: ignore[no-untyped-def]
    version = version or posted(village)
    actions.put_to_vote(version, actor=village["head"])
    hold_adoption_meeting(version, head=village["head"], front=village["front"], present=present, agree=agree)
    return actions.file_dossier(version, actor=village["head"], request_text="Đề nghị công nhận quy ước.",
                                decision_text="Hội nghị thôn thông qua quy ước.", signatories=SIGNATORIES)  # fmt: skip


def in_force(village, **kwargs):  # type: ignore[no-untyped-def]
    version = adopted(village, **kwargs)
    return actions.recognize(version, actor=village["chair"], decision_number="12/QĐ-UBND")


@pytest.fixture
def recognized(village):  # type: ignore[no-untyped-def]
    return in_force(village)


def cites(shorthand: str) -> str:
    return citation_pattern(shorthand)
