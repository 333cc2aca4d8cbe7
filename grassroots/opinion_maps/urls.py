from django.urls import path

from . import views, views_public

app_name = "opinion_maps"
urlpatterns = [
    path("opinion-maps/", views.console, name="console"),
    path("opinion-maps/mine/", views_public.mine, name="mine"),
    path("opinion-maps/units/<str:code>/", views_public.unit_maps, name="unit"),
    path("opinion-maps/<int:pk>/", views_public.take_part, name="take-part"),
    path("opinion-maps/<int:pk>/write/", views_public.write, name="write"),
    path("opinion-maps/<int:pk>/statements/<int:statement_pk>/vote/", views_public.vote, name="vote"),
    path("opinion-maps/<int:pk>/report/", views_public.report, name="report"),
    path("opinion-maps/<int:pk>/report.csv", views_public.report_csv, name="report-csv"),
    path("opinion-maps/<int:pk>/manage/", views.manage, name="manage"),
    path("opinion-maps/<int:pk>/manage/seed/", views.seed, name="seed"),
    path("opinion-maps/<int:pk>/manage/open/", views.open_map, name="open"),
    path("opinion-maps/<int:pk>/manage/close/", views.close_map, name="close"),
    path("opinion-maps/<int:pk>/manage/publish/", views.publish, name="publish"),
    path("opinion-maps/<int:pk>/manage/compute/", views.compute, name="compute"),
    path("opinion-maps/<int:pk>/manage/statements/<int:statement_pk>/hide/", views.hide, name="hide"),
    path("opinion-maps/<int:pk>/manage/statements/<int:statement_pk>/restore/", views.restore, name="restore"),
]
