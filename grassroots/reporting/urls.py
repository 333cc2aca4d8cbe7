from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("reporting/", views.home, name="home"),
    path("reporting/units/<str:code>/", views.unit, name="unit"),
    path("reporting/units/<str:code>/figures.csv", views.unit_csv, name="unit-csv"),
    path("reporting/units/<str:code>/trend.csv", views.trend_csv, name="trend-csv"),
    path("reporting/units/<str:code>/indicators/<str:indicator>/", views.indicator, name="indicator"),
    path("reporting/units/<str:code>/indicators/<str:indicator>/items.csv", views.indicator_csv, name="indicator-csv"),
    path("reporting/units/<str:code>/overdue/", views.overdue, name="overdue"),
    path("reporting/units/<str:code>/overdue.csv", views.overdue_csv, name="overdue-csv"),
    path("reporting/indicators/", views.indicator_list, name="indicator-list"),
    path("reporting/indicators/<str:code>/", views.indicator_definition, name="indicator-definition"),
]
