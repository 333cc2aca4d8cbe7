"""The periodic reports and the annual evaluation (included under "reporting/")."""

from django.urls import path

from . import evaluation_views, periodic_views

app_name = "reporting_reports"

urlpatterns = [
    path("units/<str:code>/reports/", periodic_views.reports, name="reports"),
    path(
        "units/<str:code>/reports/<str:kind>/<int:year>/<int:number>.<str:ext>",
        periodic_views.report_download,
        name="report-download",
    ),
    path("units/<str:code>/evaluation/", evaluation_views.schemes, name="evaluation-schemes"),
    path("evaluation/<int:pk>/", evaluation_views.scheme, name="evaluation-scheme"),
    path("evaluation/<int:pk>/criteria/<int:criterion>/", evaluation_views.criterion_edit, name="evaluation-criterion"),
    path(
        "evaluation/<int:pk>/criteria/<int:criterion>/remove/",
        evaluation_views.criterion_remove,
        name="evaluation-criterion-remove",
    ),
    path("evaluation/<int:pk>/publish/", evaluation_views.publish, name="evaluation-publish"),
    path("evaluation/<int:pk>/delete/", evaluation_views.delete_draft, name="evaluation-scheme-delete"),
    path("evaluation/<int:pk>/ranking/", evaluation_views.ranking, name="evaluation-ranking"),
    path("evaluation/<int:pk>/ranking.csv", evaluation_views.ranking_csv, name="evaluation-ranking-csv"),
]
