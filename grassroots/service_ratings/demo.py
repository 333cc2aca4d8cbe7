"""The demo ward's satisfaction ratings (issue 14), built through the actions, so every write is checked
against the one-rating rule and audited:

- six administrative services kept by `official`;
- a quarter of ratings (this quarter, up to today) from verified resident accounts of the ward
  (`rater-NN`, no password: they exist only to have rated), each rating two or three services once;
- `official` (Nguyễn Thị Cán Bộ) rated often enough to be shown publicly; `chair` rated 3 times, below
  the floor of 5, so the public page withholds those results;
- comments: most published, one hidden with its reason, two waiting for moderation.
The demo `resident` account has not rated: log in as `resident` to rate.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.people import demo as people_demo
from grassroots.people.models import Membership
from grassroots.territory.models import Unit

from . import actions, rules
from .models import Rating, Service

WARD = people_demo.DEMO_WARD
SEED = 2026
RATERS = 36
SERVICES = [
    "Chứng thực bản sao từ bản chính",
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Xác nhận thông tin cư trú",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký khai tử",
]
COMMENTS = [
    "Cán bộ hướng dẫn tận tình, hồ sơ trả đúng hẹn.",
    "Phải đi lại hai lần vì thiếu giấy tờ, đề nghị niêm yết rõ thành phần hồ sơ.",
    "Thời gian chờ ở bộ phận một cửa hơi lâu vào buổi sáng.",
    "Rất hài lòng, thủ tục nhanh gọn.",
    "Đề nghị bố trí thêm ghế ngồi chờ.",
    "Nên có thêm hướng dẫn nộp hồ sơ trực tuyến.",
]
HIDDEN = "Nội dung có lời lẽ xúc phạm cá nhân cán bộ."


def already_built() -> bool:
    return Service.objects.filter(commune__code=WARD).exists()


def _raters(ward: Unit) -> list[User]:
    """Verified accounts for members of the ward's households who have none (no password, no role)."""
    members = (
        Membership.objects.filter(household__unit__parent=ward, valid_to__isnull=True, resident__user__isnull=True)
        .select_related("resident")
        .order_by("household__code", "resident_id")[:RATERS]
    )
    now = timezone.now()
    users = []
    for n, m in enumerate(members, 1):
        user = User(username=f"rater-{n:02d}", first_name=m.resident.full_name, resident=m.resident,
                    resident_verified_at=now)  # fmt: skip
        user.set_unusable_password()
        user.save()
        users.append(user)
    return users


def build(seed: int = SEED) -> list[Rating]:
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible)
    ward = Unit.objects.get(code=WARD)
    official = User.objects.get(username="official")
    chair = User.objects.get(username="chair")
    services = [actions.add_service(actor=official, commune=ward, name=name) for name in SERVICES]
    today = timezone.localdate()
    first, _last = rules.quarter_bounds(*rules.quarter_of(today))
    span = (today - first).days
    made: list[Rating] = []
    chair_ratings = 0
    for i, rater in enumerate(_raters(ward)):
        for service in rng.sample(services, rng.choice((2, 3))):
            day = first + dt.timedelta(days=rng.randint(0, span))
            who, score = None, None
            if i % 3 == 0:
                who, score = official, rng.choice((3, 4, 4, 5, 5))
            elif chair_ratings < 3 and i % 5 == 1:
                who, score, chair_ratings = chair, rng.choice((3, 4)), chair_ratings + 1
            comment = COMMENTS[len(made) % len(COMMENTS)] if len(made) % 4 == 0 else ""
            made.append(actions.rate(
                actor=rater, service=service, timeliness=rng.choice((3, 4, 4, 5, 5)), guidance=rng.choice((2, 3, 4, 5)),
                official=who, official_score=score, comment=comment, on=day,
            ))  # fmt: skip
    with_comments = [r for r in made if r.comment]
    moderator = User.objects.get(username="chair")
    for n, rating in enumerate(with_comments):
        if n == 1:
            actions.hide_comment(actor=moderator, rating=rating, reason=HIDDEN)
        elif n < len(with_comments) - 2 and rating.official_id != moderator.pk:
            actions.publish_comment(actor=moderator, rating=rating)
    return made
