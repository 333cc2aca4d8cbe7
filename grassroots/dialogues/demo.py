"""The demo ward's dialogues with residents (issue 14), built through the actions (checked and audited):

- this year's dialogue, held today with the ward's Front: agreed 12 days ago, notice posted 10 days ago,
  questions sent online (the demo `resident`, unsigned, and a rater who signed) and received on paper,
  by phone, at a residential group and at the conference; every answer recorded and published; the
  minutes closed (PDF and DOCX on its page);
- next year's dialogue scheduled for 20 November and agreed with the Front; its notice still to publish.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.people import demo as people_demo
from grassroots.territory.models import Unit

from . import actions
from .models import Dialogue

WARD = people_demo.DEMO_WARD
TOPICS = "Cải cách thủ tục hành chính; chỉnh trang đô thị; an ninh trật tự trên địa bàn phường."
NOTICE = "Kính mời Nhân dân tham dự và gửi câu hỏi trước qua trang này, tại bộ phận một cửa hoặc qua tổ dân phố."
QUESTIONS = [
    ("online", "Khi nào phường sửa đèn chiếu sáng ngõ 5?", "Quý I năm sau phường lắp thêm 6 bóng đèn ngõ 5."),
    (
        "paper",
        "Đề nghị công khai tiến độ giải phóng mặt bằng đường Trần Phú.",
        "Tiến độ được niêm yết tại trụ sở và trên cổng thông tin từ tháng này.",
    ),
    ("phone", "Thủ tục cấp phép xây dựng mất bao lâu?", "Tối đa 15 ngày kể từ khi nhận đủ hồ sơ hợp lệ."),
    (
        "village",
        "Rãnh thoát nước tổ 3 hay bị tắc, đề nghị nạo vét.",
        "Phường giao tổ dân phố phối hợp nạo vét trước mùa mưa.",
    ),
    ("conference", "Đề nghị tăng cường tuần tra ban đêm.", "Công an phường bố trí tuần tra thêm từ tháng sau."),
]
ANSWERED_BY = "Chủ tịch UBND phường Trần Văn Chủ Tịch"


def already_built() -> bool:
    return Dialogue.objects.filter(commune__code=WARD).exists()


def build() -> list[Dialogue]:
    ward = Unit.objects.get(code=WARD)
    chair = User.objects.get(username="chair")
    front = User.objects.get(username="front")
    today = timezone.localdate()
    held = actions.schedule_dialogue(actor=chair, commune=ward, planned_on=today, venue="Hội trường UBND phường",
                                     topics=TOPICS)  # fmt: skip
    held = actions.agree_for_front(actor=front, dialogue=held, agreed_on=today - dt.timedelta(days=12))
    held = actions.publish_notice(actor=chair, dialogue=held, text=NOTICE, published_on=today - dt.timedelta(days=10))
    group = Unit.objects.filter(parent=ward).order_by("path").first()
    online = [u for u in User.objects.filter(username__in=["resident", "rater-01"]).order_by("username")]
    questions = []
    for channel, text, _answer in QUESTIONS:
        if channel == "online" and online:
            questions.append(actions.ask_question(actor=online[-1], dialogue=held, text=text))
            if len(online) > 1:
                questions.append(actions.ask_question(actor=online[0], dialogue=held, signed=True,
                                                      text="Đề nghị phường mở lớp hướng dẫn dịch vụ công trực tuyến."))  # fmt: skip
        elif channel != "conference":
            questions.append(actions.enter_question(actor=front, dialogue=held, text=text, channel=channel,
                                                    received_on=today - dt.timedelta(days=5), village=group))  # fmt: skip
    held = actions.hold_dialogue(actor=chair, dialogue=held, attendance=146, chair_name="Trần Văn Chủ Tịch",
                                 front_representative="Hoàng Thị Mặt Trận", secretary_name="Nguyễn Thị Cán Bộ")  # fmt: skip
    channel, text, _answer = QUESTIONS[-1]
    questions.append(actions.enter_question(actor=chair, dialogue=held, text=text, channel=channel, received_on=today))
    answers = {text: answer for _c, text, answer in QUESTIONS}
    for q in questions:
        answer = answers.get(q.text, "Phường sẽ mở lớp vào tháng 1 tại nhà văn hóa các tổ dân phố.")
        actions.record_answer(actor=chair, question=q, answer=answer, answered_by_name=ANSWERED_BY)
        actions.publish_answer(actor=chair, question=q)
    actions.record_conclusion(actor=chair, dialogue=held, conclusion="Giao các bộ phận chuyên môn thực hiện các "
                              "nội dung đã trả lời và báo cáo kết quả tại hội nghị đối thoại năm sau.")  # fmt: skip
    held = actions.close_minutes(actor=chair, dialogue=held)
    upcoming = actions.schedule_dialogue(actor=chair, commune=ward, planned_on=dt.date(today.year + 1, 11, 20),
                                         venue="Hội trường UBND phường", topics=TOPICS)  # fmt: skip
    actions.agree_for_front(actor=front, dialogue=upcoming, agreed_on=today)
    return [held, upcoming]
