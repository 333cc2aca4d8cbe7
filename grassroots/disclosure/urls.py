from django.urls import path

from . import public, views

app_name = "disclosure"
urlpatterns = [
    # The residents' side: every published disclosure of a commune or village, its feed and open data.
    path("disclosure/", public.index, name="index"),
    path("disclosure/u/<str:code>/", public.unit_page, name="unit"),
    path("disclosure/u/<str:code>/feed/", public.feed, name="feed"),
    path("disclosure/u/<str:code>/disclosures.csv", public.unit_csv, name="csv"),
    path("disclosure/u/<str:code>/request/", public.request_information, name="request-info"),
    path("disclosure/u/<str:code>/subscribe/", public.subscribe, name="subscribe"),
    path("disclosure/item/<int:pk>/", public.item_page, name="item"),
    path("disclosure/item/<int:pk>/files/<int:attachment>/", public.attachment, name="attachment"),
    path("disclosure/item/<int:pk>/ask/", public.ask, name="ask"),
    path("disclosure/my-requests/", public.my_requests, name="my-requests"),
    # The officials' console.
    path("disclosure/manage/", views.console, name="console"),
    path("disclosure/manage/new/", views.new_item, name="item-new"),
    path("disclosure/manage/requests/", views.requests_list, name="requests"),
    path("disclosure/manage/requests/<int:pk>/", views.answer_request, name="request"),
    path("disclosure/manage/<str:code>/setup/", views.setup, name="setup"),
    path("disclosure/manage/<str:code>/index/", views.quarterly_index, name="index-new"),
    path("disclosure/manage/<str:code>/plan.docx", views.plan, {"ext": "docx"}, name="plan-docx"),
    path("disclosure/manage/<str:code>/plan.pdf", views.plan, {"ext": "pdf"}, name="plan-pdf"),
    path("disclosure/manage/<str:code>/report.docx", views.report, {"ext": "docx"}, name="report-docx"),
    path("disclosure/manage/<str:code>/report.pdf", views.report, {"ext": "pdf"}, name="report-pdf"),
    path("disclosure/item/<int:pk>/edit/", views.edit_item, name="item-edit"),
    path("disclosure/item/<int:pk>/publish/", views.publish, name="item-publish"),
    path("disclosure/item/<int:pk>/delete/", views.delete, name="item-delete"),
    path("disclosure/item/<int:pk>/files/new/", views.new_attachment, name="attachment-new"),
    path("disclosure/item/<int:pk>/files/<int:attachment>/remove/", views.remove_attachment, name="attachment-remove"),
    path("disclosure/item/<int:pk>/postings/new/", views.new_posting, name="posting-new"),
    path("disclosure/item/<int:pk>/postings/<int:posting>/end/", views.end_posting, name="posting-end"),
    path("disclosure/item/<int:pk>/postings/<int:posting>/proof/", views.posting_proof, name="posting-proof"),
    path("disclosure/item/<int:pk>/script.docx", views.script, {"ext": "docx"}, name="script-docx"),
    path("disclosure/item/<int:pk>/script.pdf", views.script, {"ext": "pdf"}, name="script-pdf"),
    path("disclosure/item/<int:pk>/index.docx", views.index, {"ext": "docx"}, name="index-docx"),
    path("disclosure/item/<int:pk>/index.pdf", views.index, {"ext": "pdf"}, name="index-pdf"),
]
