from django.urls import path

from . import views

app_name = "annual_conferences"
urlpatterns = [
    path("annual-conferences/", views.console, name="console"),
    path("annual-conferences/villages/<str:code>/", views.village, name="village"),
    path("annual-conferences/<int:pk>/", views.conference, name="conference"),
    path("annual-conferences/<int:pk>/plan/", views.change_plan, name="change-plan"),
    path("annual-conferences/<int:pk>/agree/", views.agree, name="agree"),
    path("annual-conferences/<int:pk>/notice/", views.notice, name="notice"),
    path("annual-conferences/<int:pk>/hold/", views.hold, name="hold"),
    path("annual-conferences/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("annual-conferences/<int:pk>/close/", views.close, name="close"),
    path("annual-conferences/<int:pk>/report/", views.report, name="report"),
    path(
        "annual-conferences/<int:pk>/<str:kind>.<str:ext>",
        views.document,
        name="document",
    ),
]
