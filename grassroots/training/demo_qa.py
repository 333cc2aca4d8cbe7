"""Demo data for the exchange part of a training conference: questions with the speakers' answers, test
results before and after the course, evaluations, and three difficulties raised (one answered).

Called by the training demo command (`seed_training_demo`) after the conference, its sessions and its
delegates exist. Deterministic (seeded by the conference id) and idempotent: a conference that already
has questions is left alone. The content is Vietnamese on purpose: it is what delegates would write.
The answers restate the legal digest (docs/law.md); they are demo content, not legal advice.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from grassroots.core import audit
from grassroots.core.text import fold
from grassroots.library.models import QuizOption

from . import quiz
from .access import INACTIVE_DELEGATE
from .models import Conference, Delegate, Difficulty, Feedback, Question, QuestionVote, QuizAttempt, Topic

# (topic of the session it was asked in, question, answer)
ANSWERED = [
    (
        Topic.DECREE_59,
        "Tổ dân phố chúng tôi có 480 hộ, họp toàn tổ thường chỉ được khoảng 40% số hộ. Làm thế nào để đủ số hộ "
        "tham gia khi bàn và quyết định?",
        "Thôn, tổ dân phố từ 200 hộ trở lên hoặc địa bàn phân tán có thể họp theo cụm dân cư. Tổ trưởng thống nhất "
        "với Trưởng ban công tác Mặt trận, lập phương án (số cụm, người chủ trì từng cụm, thời gian, địa điểm, cách "
        "tổng hợp kết quả) trình UBND cấp xã quyết định; kết quả các cụm được tổng hợp thành kết quả chung của tổ. "
        "Nếu đã họp mà số hộ tham dự không đủ để đạt tỷ lệ tán thành theo luật, chuyển sang phát phiếu lấy ý kiến "
        "đến từng hộ gia đình.",
    ),
    (
        Topic.DECREE_59,
        "Khi nào thôn được dùng hình thức biểu quyết trực tuyến?",
        "Chỉ với các công việc tự quản khác của cộng đồng (nhóm việc thứ sáu), khi Trưởng thôn và Ban công tác "
        "Mặt trận thống nhất không cần họp hay phát phiếu; trên 50% tổng số đại diện hộ gia đình trong thôn đã "
        "chọn hình thức trực tuyến qua lấy ý kiến trước; và các hộ có thiết bị kết nối Internet phù hợp. Không "
        "dùng trực tuyến cho hương ước, quy ước, bầu hoặc cho thôi làm Trưởng thôn, thành viên Ban Thanh tra nhân "
        "dân, Ban Giám sát đầu tư của cộng đồng.",
    ),
    (
        Topic.DECREE_59,
        "Biểu quyết trực tuyến được thông qua khi nào: tính trên số hộ đã bấm biểu quyết hay trên tổng số hộ?",
        "Trên tổng số hộ: nội dung được thông qua khi có trên 50% tổng số đại diện hộ gia đình trong thôn tán "
        "thành, không phải trên số hộ đã tham gia biểu quyết.",
    ),
    (
        Topic.DECREE_59,
        "Tổ lấy ý kiến biểu quyết trực tuyến gồm những ai?",
        "Từ 3 đến 5 người do Trưởng thôn thành lập: đại diện thôn, Ban công tác Mặt trận, đại diện hộ gia đình và "
        "người có hiểu biết về công nghệ thông tin; đại diện Ban công tác Mặt trận làm Tổ trưởng. Mỗi thành viên "
        "nhóm trên mạng xã hội cần có họ tên và địa chỉ thường trú.",
    ),
    (
        Topic.LAW,
        "Văn bản công khai niêm yết ở nhà văn hóa thôn phải giữ trong bao lâu?",
        "Tối thiểu 30 ngày liên tục kể từ ngày niêm yết, trừ khi luật khác có quy định riêng. Quy chế dân chủ, "
        "nhiệm vụ của cán bộ và thủ tục hành chính được niêm yết thường xuyên tại trụ sở và cập nhật khi thay đổi.",
    ),
    (
        Topic.LAW,
        "Nếu luật chuyên ngành không quy định thời hạn công khai thì UBND xã phải công khai trong bao lâu?",
        "Chậm nhất 5 ngày làm việc kể từ ngày ban hành quyết định, văn bản. Những nội dung phải thông báo qua hệ "
        "thống truyền thanh thì phát ít nhất 3 ngày liên tục nếu xã có hệ thống này.",
    ),
    (
        Topic.DECREE_59,
        "Giấy mời họp cộng đồng dân cư phải gửi trước bao nhiêu ngày?",
        "Chậm nhất 2 ngày trước ngày họp, bằng giấy mời, loa truyền thanh, điện thoại hoặc nhóm mạng xã hội mà "
        "cộng đồng đã thống nhất; đồng thời niêm yết tại nhà văn hóa hoặc điểm sinh hoạt cộng đồng. Với nội dung về "
        "đóng góp, thu chi và hương ước, tài liệu cũng phải đến từng hộ trước ít nhất 2 ngày.",
    ),
    (
        Topic.LAW,
        "Việc đóng góp xây dựng đường thôn cần bao nhiêu hộ tán thành?",
        "Ít nhất hai phần ba tổng số đại diện hộ gia đình trong thôn tán thành, tính trên tổng số hộ chứ không "
        "phải trên số hộ dự họp. Vì vậy nếu cuộc họp có dưới hai phần ba số hộ tham dự, nên tổ chức phát phiếu lấy "
        "ý kiến đến từng hộ.",
    ),
    (
        Topic.LAW,
        "Sau khi họp xong, thôn phải gửi văn bản quyết định lên xã trong thời hạn nào?",
        "Trong 5 ngày làm việc kể từ ngày họp hoặc ngày kết thúc phát phiếu, biểu quyết trực tuyến, gửi UBND xã "
        "và Ủy ban MTTQ xã. Văn bản có chữ ký của Trưởng thôn, Trưởng ban công tác Mặt trận và 2 đại diện hộ gia "
        "đình.",
    ),
    (
        Topic.LAW,
        "Người dân muốn đề xuất một nội dung để cộng đồng bàn thì cần bao nhiêu hộ đồng ý?",
        "Ít nhất 10% số hộ gia đình trong thôn đồng ý; sự đồng ý có giá trị trong 3 tháng. Dưới 10%, Ban công tác "
        "Mặt trận vẫn có thể xem xét đưa ra nếu có lợi cho cộng đồng. Người đề xuất chịu trách nhiệm về tính chính "
        "xác của danh sách hộ đồng ý.",
    ),
    (
        Topic.TASKS,
        "Dự thảo hương ước phải lấy ý kiến người dân trong bao lâu và thông qua thế nào?",
        "Dự thảo được niêm yết tại nhà văn hóa hoặc điểm sinh hoạt cộng đồng ít nhất 30 ngày. Khi họp thông qua "
        "phải có đại diện trên 50% số hộ tham dự, và hương ước được thông qua khi trên 50% tổng số đại diện hộ gia "
        "đình tán thành; hương ước có hiệu lực khi được UBND xã công nhận.",
    ),
    (
        Topic.DECREE_59,
        "Khi phát phiếu lấy ý kiến hộ gia đình, ai kiểm phiếu và có cần người chứng kiến không?",
        "Tổ phát phiếu (3–5 người, đại diện Ban công tác Mặt trận làm Tổ trưởng) kiểm phiếu với sự chứng kiến của "
        "2 đại diện hộ gia đình và lập biên bản. Mỗi hộ một phiếu; phiếu của thôn có chữ ký của Trưởng thôn ở góc "
        "dưới bên phải.",
    ),
]
QUEUED = [
    (Topic.EXCHANGE, "Kinh phí tổ chức họp theo cụm dân cư lấy từ nguồn nào?"),
    (Topic.EXCHANGE, "Ứng dụng biểu quyết trực tuyến của tỉnh khi nào đưa vào sử dụng?"),
]
PENDING = [(Topic.TASKS, "Có tài liệu hỏi đáp in sẵn để phát cho các tổ dân phố không?")]
DIFFICULTIES = [
    (
        "Tổ dân phố có 480 hộ, các cuộc họp chỉ đạt khoảng 35–40% số hộ dự nên không đạt được một nửa số hộ; nhiều "
        "nội dung phải họp lại.",
        "Hướng dẫn tổ họp theo cụm dân cư (tổ từ 200 hộ trở lên), lập phương án trình UBND phường; nội dung chưa đạt "
        "tỷ lệ thì phát phiếu lấy ý kiến đến từng hộ. Ban Chỉ đạo sẽ in mẫu phương án gửi các tổ.",
    ),
    (
        "Nhiều hộ là người cao tuổi, không có điện thoại thông minh nên chưa áp dụng được biểu quyết trực tuyến.",
        "",
    ),
    ("Bảng tin của thôn xuống cấp, khó niêm yết công khai đủ 30 ngày trong mùa mưa bão.", ""),
]
SPEAKER = "Báo cáo viên Ban Chỉ đạo"


@dataclass(frozen=True)
class Seeded:
    questions: int
    attempts: int
    feedback: int
    difficulties: int


def _answers(rng: random.Random, ids: list[int], right: int) -> dict[str, int | None]:
    """Options for the questions: `right` of them correct, the others wrong."""
    options: dict[int, list[tuple[int, bool]]] = {}
    for question_id, pk, correct in (
        QuizOption.objects.filter(question_id__in=ids).order_by("order").values_list("question_id", "pk", "is_correct")
    ):
        options.setdefault(question_id, []).append((pk, correct))
    good = set(rng.sample(ids, right))
    chosen: dict[str, int | None] = {}
    for pk in ids:
        wanted = [o for o, correct in options.get(pk, []) if correct == (pk in good)]
        chosen[str(pk)] = wanted[0] if wanted else None
    return chosen


@transaction.atomic
def seed_qa_demo(conference: Conference) -> Seeded:
    if conference.questions.exists():
        return Seeded(0, 0, 0, 0)
    rng = random.Random(conference.pk)  # noqa: S311 (demo data, same seed same data)
    delegates = list(
        conference.delegates.exclude(status__in=INACTIVE_DELEGATE).select_related("user", "unit").order_by("pk")
    )
    askers = [d.user for d in delegates] or [conference.created_by]
    sessions = {s.topic: s for s in conference.sessions.all()}
    base = timezone.make_aware(dt.datetime.combine(conference.starts_on, dt.time(9, 0)))
    # Questions: answered and published, in the queue with votes, one waiting for the moderator.
    questions = []
    for i, (topic, text, answer) in enumerate(ANSWERED):
        session = sessions.get(topic)
        questions.append(
            Question(
                conference=conference,
                session=session,
                asked_by=askers[i % len(askers)],
                text=text,
                text_folded=fold(f"{text} {answer}"),
                status=Question.Status.ANSWERED,
                position=i + 1,
                answer=answer,
                answered_by=(session.speaker if session and session.speaker else SPEAKER),
                answered_at=base + dt.timedelta(minutes=20 * i),
                in_faq=True,
            )
        )
    for i, (topic, text) in enumerate(QUEUED, start=1):
        questions.append(
            Question(
                conference=conference,
                session=sessions.get(topic),
                asked_by=askers[-i % len(askers)],
                text=text,
                text_folded=fold(text),
                status=Question.Status.QUEUED,
                position=i,
            )
        )
    for topic, text in PENDING:
        questions.append(
            Question(
                conference=conference,
                session=sessions.get(topic),
                asked_by=askers[0],
                text=text,
                text_folded=fold(text),
            )
        )
    Question.objects.bulk_create(questions)
    votes = []
    for question in questions:
        if question.status == Question.Status.PENDING:
            continue
        voters = [u for u in {u.pk: u for u in askers}.values() if u.pk != question.asked_by_id]
        for user in rng.sample(voters, min(len(voters), rng.randint(0, 6))):
            votes.append(QuestionVote(question=question, user=user))
    QuestionVote.objects.bulk_create(votes)
    # Tests: most delegates take both; the score after the course is higher.
    attempts = []
    before_ids, after_ids = (
        quiz.draw(conference, QuizAttempt.Kind.BEFORE),
        quiz.draw(conference, QuizAttempt.Kind.AFTER),
    )
    if before_ids:
        for delegate in delegates:
            if rng.random() < 0.15:
                continue
            low = rng.randint(len(before_ids) * 3 // 10, len(before_ids) * 6 // 10)
            high = rng.randint(min(low + 2, len(after_ids)), len(after_ids))
            for kind, ids, right in [
                (QuizAttempt.Kind.BEFORE, before_ids, low),
                (QuizAttempt.Kind.AFTER, after_ids, high),
            ]:
                attempts.append(
                    QuizAttempt(
                        conference=conference,
                        delegate=delegate,
                        kind=kind,
                        score=right,
                        total=len(ids),
                        answers={"questions": ids, "chosen": _answers(rng, ids, right)},
                    )
                )
    QuizAttempt.objects.bulk_create(attempts)
    # Evaluations from most of those who attended.
    feedback = [
        Feedback(
            conference=conference,
            delegate=d,
            content=rng.randint(3, 5),
            speakers=rng.randint(3, 5),
            organization=rng.randint(2, 5),
            comment=rng.choice(["", "", "Nội dung thiết thực, dễ áp dụng.", "Mong có thêm tài liệu hỏi đáp in sẵn."]),
        )
        for d in delegates
        if d.checked_in_at is not None and rng.random() < 0.8
    ]
    Feedback.objects.bulk_create(feedback)
    # Difficulties: one answered, one assigned, one open.
    reporters: list[Delegate | None] = list(delegates[:3]) or [None]
    difficulties = []
    for i, (text, response) in enumerate(DIFFICULTIES):
        reporter = reporters[i % len(reporters)]
        difficulty = Difficulty(
            conference=conference,
            unit=reporter.unit if reporter else conference.organizer_unit,
            reported_by=reporter.user if reporter else conference.created_by,
            text=text,
        )
        if response:
            difficulty.status, difficulty.assigned_to = Difficulty.Status.ANSWERED, conference.created_by
            difficulty.response, difficulty.responded_at = response, base + dt.timedelta(hours=6)
        elif i == 1:
            difficulty.status, difficulty.assigned_to = Difficulty.Status.ASSIGNED, conference.created_by
        difficulties.append(difficulty)
    Difficulty.objects.bulk_create(difficulties)
    seeded = Seeded(len(questions), len(attempts), len(feedback), len(difficulties))
    audit.record(
        "training.demo_qa_seeded",
        target=conference,
        unit_id=conference.organizer_unit_id,
        data={
            "questions": seeded.questions,
            "attempts": seeded.attempts,
            "feedback": seeded.feedback,
            "difficulties": seeded.difficulties,
        },
    )
    return seeded
