from django.urls import path

from . import views

app_name = "situation_reports"
urlpatterns = [
    path("situation-reports/", views.home, name="home"),
    path("situation-reports/rounds/new/", views.new_round, name="new-round"),
    path("situation-reports/rounds/<int:pk>/", views.round_detail, name="round"),
    path("situation-reports/rounds/<int:pk>/status.csv", views.round_csv, name="round-csv"),
    path("situation-reports/rounds/<int:pk>/units/<str:code>/", views.report, name="report"),
    path("situation-reports/rounds/<int:pk>/units/<str:code>/submit/", views.submit, name="submit"),
    path("situation-reports/rounds/<int:pk>/units/<str:code>/reopen/", views.reopen, name="reopen"),
]
