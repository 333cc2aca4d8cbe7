from django.urls import path

from . import views, views_qa, views_quiz, views_reports

app_name = "training"
urlpatterns = [
    # Conferences, their programme and materials.
    path("training/", views.home, name="home"),
    path("training/new/", views.new_conference, name="conference-new"),
    path("training/<int:pk>/", views.conference_detail, name="conference"),
    path("training/<int:pk>/edit/", views.edit_conference, name="conference-edit"),
    path("training/<int:pk>/sessions/new/", views.new_session, name="session-new"),
    path("training/<int:pk>/sessions/<int:session>/edit/", views.edit_session, name="session-edit"),
    path("training/<int:pk>/sessions/<int:session>/remove/", views.remove_session, name="session-remove"),
    path("training/<int:pk>/materials/new/", views.new_material, name="material-new"),
    path("training/<int:pk>/materials/<int:material>/", views.material, name="material"),
    path("training/<int:pk>/materials/<int:material>/remove/", views.remove_material, name="material-remove"),
    # Delegates by role and unit, and by name; invitations.
    path("training/<int:pk>/delegates/", views.delegates, name="delegates"),
    path("training/<int:pk>/delegates/rules/", views.add_rule, name="rule-add"),
    path("training/<int:pk>/delegates/rules/<int:rule>/remove/", views.remove_rule, name="rule-remove"),
    path("training/<int:pk>/delegates/resolve/", views.resolve, name="resolve"),
    path("training/<int:pk>/delegates/invite/", views.invite, name="invite"),
    path("training/<int:pk>/delegates/send/", views.send_invitations, name="send-invitations"),
    path(
        "training/<int:pk>/delegates/<int:delegate>/invitation/", views.delegate_invitation, name="delegate-invitation"
    ),
    # The delegate's own invitation: answer, substitute, QR code.
    path("training/<int:pk>/invitation/", views.invitation, name="invitation"),
    path("training/<int:pk>/invitation/respond/", views.respond, name="respond"),
    path("training/<int:pk>/invitation/substitute/", views.substitute, name="substitute"),
    # Attendance: the door page, the page a delegate's QR code opens, the coverage report.
    path("training/<int:pk>/door/", views.door, name="door"),
    path("training/<int:pk>/door/<int:delegate>/check-in/", views.door_check_in, name="door-check-in"),
    path("training/<int:pk>/door/<int:delegate>/leave/", views.door_leave, name="door-leave"),
    path("training/<int:pk>/check-in/<str:token>/", views.check_in, name="check-in"),
    path("training/<int:pk>/coverage/", views.coverage, name="coverage"),
    # Questions and answers, the FAQ, difficulties raised (issue 5, items 5 and 6).
    path("training/<int:pk>/questions/", views_qa.question_board, name="questions"),
    path("training/<int:pk>/questions/live/", views_qa.live_queue, name="questions-live"),
    path("training/<int:pk>/questions/order-by-votes/", views_qa.order_by_votes, name="questions-order"),
    path("training/<int:pk>/questions/<int:question_pk>/vote/", views_qa.vote, name="question-vote"),
    path("training/<int:pk>/questions/<int:question_pk>/approve/", views_qa.approve, name="question-approve"),
    path("training/<int:pk>/questions/<int:question_pk>/hide/", views_qa.hide, name="question-hide"),
    path("training/<int:pk>/questions/<int:question_pk>/move/", views_qa.move, name="question-move"),
    path("training/<int:pk>/questions/<int:question_pk>/answer/", views_qa.answer, name="question-answer"),
    path("training/faq/", views_qa.faq, name="faq"),
    path("training/difficulties/", views_qa.difficulty_list, name="difficulties"),
    path("training/difficulties/new/", views_qa.difficulty_new, name="difficulty-new"),
    path("training/difficulties/<int:pk>/", views_qa.difficulty_detail, name="difficulty"),
    path("training/difficulties/<int:pk>/assign/", views_qa.difficulty_assign, name="difficulty-assign"),
    path("training/difficulties/<int:pk>/respond/", views_qa.difficulty_respond, name="difficulty-respond"),
    # Tests, scores, certificates, evaluation (items 7 and 8).
    path("training/<int:pk>/quiz/", views_quiz.quiz_home, name="quiz"),
    path("training/<int:pk>/quiz/scores/", views_quiz.scores, name="quiz-scores"),
    path("training/<int:pk>/quiz/<str:kind>/", views_quiz.take, name="quiz-take"),
    path("training/<int:pk>/certificates/<int:delegate_pk>.pdf", views_quiz.certificate, name="certificate"),
    path("training/<int:pk>/feedback/", views_quiz.feedback, name="feedback"),
    path("training/<int:pk>/feedback/results/", views_quiz.feedback_results, name="feedback-results"),
    # Training coverage over time, and who has never been trained (item 9).
    path("training/reports/", views_reports.coverage, name="reports"),
    path("training/reports/coverage.csv", views_reports.coverage_csv, name="reports-csv"),
    path("training/reports/never-trained/", views_reports.never_trained, name="never-trained"),
    path("training/reports/never-trained.csv", views_reports.never_trained_csv, name="never-trained-csv"),
]
