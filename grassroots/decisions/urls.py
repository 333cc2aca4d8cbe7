from django.urls import path

from .views import console, documents, meeting, public, public_side, queue, slips

app_name = "decisions"
urlpatterns = [
    path("decisions/", public.home, name="home"),
    path("decisions/notifications/", public.notification_list, name="notifications"),
    path("decisions/<int:pk>/", public.matter_detail, name="matter"),
    path("decisions/<int:pk>/vote/", public.vote, name="vote"),
    path("decisions/<int:pk>/vote/check/", public.vote_check, name="vote-check"),
    path("decisions/<int:pk>/vote/sent/", public.vote_sent, name="vote-sent"),
    path("decisions/<int:pk>/bulletin/", public.bulletin_page, name="bulletin"),
    path("decisions/<int:pk>/bulletin.json", public.bulletin_json, name="bulletin-json"),
    path("decisions/<int:pk>/bulletin.csv", public.bulletin_csv, name="bulletin-csv"),
    # The public side (issue 9): check a receipt, every receipt hash, a unit's decisions.
    path("decisions/<int:pk>/bulletin/check/", public_side.check_receipt, name="bulletin-check"),
    path("decisions/<int:pk>/bulletin/receipts/", public_side.receipt_hashes, name="bulletin-receipts"),
    path("decisions/units/<str:code>/", public_side.unit_decisions, name="unit-decisions"),
    path("decisions/<int:pk>/record.docx", documents.record_docx, name="record-docx"),
    path("decisions/<int:pk>/record.pdf", documents.record_pdf, name="record-pdf"),
    path("decisions/<int:pk>/slips.pdf", documents.slips_pdf, name="slips-pdf"),
    path("decisions/<int:pk>/notice/", documents.notice, name="notice"),
    path("decisions/<int:pk>/minutes/", documents.count_minutes, name="minutes"),
    # The console of the people who run a matter, and the commune's recognition queue.
    path("decisions/new/", console.new_matter, name="matter-new"),
    path("decisions/recognition/", queue.queue, name="recognition"),
    path("decisions/recognition/<int:pk>/recognize/", queue.recognize, name="recognition-recognize"),
    path("decisions/recognition/<int:pk>/refuse/", queue.refuse, name="recognition-refuse"),
    path("decisions/<int:pk>/console/", console.console, name="console"),
    path("decisions/<int:pk>/console/agree/", console.agree, name="console-agree"),
    path("decisions/<int:pk>/console/consent/", console.consent, name="console-consent"),
    path("decisions/<int:pk>/console/optin/", console.optin, name="console-optin"),
    path("decisions/<int:pk>/console/optin/correct/", console.correct_optin, name="console-correct-optin"),
    path("decisions/<int:pk>/console/notify/", console.notify, name="console-notify"),
    path("decisions/<int:pk>/console/team/<str:team>/", console.team, name="console-team"),
    path("decisions/<int:pk>/console/open/", console.open_matter, name="console-open"),
    path("decisions/<int:pk>/console/schedule/", console.schedule, name="console-schedule"),
    path("decisions/<int:pk>/console/meeting/", meeting.meeting, name="console-meeting"),
    path("decisions/<int:pk>/console/meeting/attend/<int:household>/", meeting.attend, name="console-attend"),
    path("decisions/<int:pk>/console/meeting/secretary/", meeting.secretary, name="console-secretary"),
    path("decisions/<int:pk>/console/meeting/method/", meeting.method, name="console-method"),
    path("decisions/<int:pk>/console/meeting/counting/", meeting.counting, name="console-counting"),
    path("decisions/<int:pk>/console/meeting/result/", meeting.result, name="console-result"),
    path("decisions/<int:pk>/console/meeting/clusters/", meeting.cluster_plan, name="console-cluster-plan"),
    path(
        "decisions/<int:pk>/console/meeting/clusters/<int:cluster>/attend/",
        meeting.cluster_attend,
        name="console-cluster-attend",
    ),
    path(
        "decisions/<int:pk>/console/meeting/clusters/<int:cluster>/result/",
        meeting.cluster_result,
        name="console-cluster-result",
    ),
    path(
        "decisions/<int:pk>/console/meeting/clusters/combine/", meeting.cluster_combine, name="console-cluster-combine"
    ),
    path("decisions/<int:pk>/console/switch/", console.switch, name="console-switch"),
    path("decisions/<int:pk>/console/slips/", slips.slips, name="console-slips"),
    path("decisions/<int:pk>/console/slips/distribution/", slips.distribution, name="console-distribution"),
    path("decisions/<int:pk>/console/slips/distribution/all/", slips.deliver_all, name="console-deliver-all"),
    path("decisions/<int:pk>/console/close/", console.close, name="console-close"),
    path("decisions/<int:pk>/console/file/", console.file_record, name="console-file"),
]
