from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    # Public: the head of each village, and the households' online signature of a dismissal petition.
    path("villages/<str:code>/head/", views.village_head, name="village-head"),
    path("village-head/petitions/<int:pk>/sign/", views.petition_sign, name="petition-sign"),
    # The commune's console.
    path("village-head/", views.console, name="console"),
    path("village-head/<str:code>/elect/", views.election_new, name="election-new"),
    path("village-head/<str:code>/interim/", views.interim, name="interim"),
    path("village-head/<str:code>/in-office/", views.sitting_head, name="sitting-head"),
    path("village-head/<str:code>/dismiss/", views.dismissal_new, name="dismissal-new"),
    path("village-head/elections/<int:pk>/", views.election, name="election"),
    path("village-head/elections/<int:pk>/recognize/", views.election_recognize, name="election-recognize"),
    path("village-head/elections/<int:pk>/<slug:step>/", views.election_step, name="election-step"),
    path(
        "village-head/elections/<int:pk>/papers/<slug:kind>.pdf",
        views.election_paper,
        {"ext": "pdf"},
        name="election-pdf",
    ),
    path(
        "village-head/elections/<int:pk>/papers/<slug:kind>.docx",
        views.election_paper,
        {"ext": "docx"},
        name="election-docx",
    ),
    path("village-head/dismissals/<int:pk>/", views.dismissal, name="dismissal"),
    path("village-head/dismissals/<int:pk>/recognize/", views.dismissal_recognize, name="dismissal-recognize"),
    path("village-head/dismissals/<int:pk>/<slug:step>/", views.dismissal_step, name="dismissal-step"),
    path(
        "village-head/dismissals/<int:pk>/papers/<slug:kind>.pdf",
        views.dismissal_paper,
        {"ext": "pdf"},
        name="dismissal-pdf",
    ),
    path(
        "village-head/dismissals/<int:pk>/papers/<slug:kind>.docx",
        views.dismissal_paper,
        {"ext": "docx"},
        name="dismissal-docx",
    ),
]
