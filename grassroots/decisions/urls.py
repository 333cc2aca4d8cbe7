from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("decisions/", views.home, name="home"),
    path("decisions/<int:pk>/", views.matter_detail, name="matter"),
    path("decisions/<int:pk>/vote/", views.vote, name="vote"),
    path("decisions/<int:pk>/bulletin/", views.bulletin_page, name="bulletin"),
    path("decisions/<int:pk>/bulletin.json", views.bulletin_json, name="bulletin-json"),
    path("decisions/<int:pk>/bulletin.csv", views.bulletin_csv, name="bulletin-csv"),
]
