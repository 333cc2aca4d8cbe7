from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("library/", views.index, name="index"),
    path("library/<slug:document>/", views.document, name="document"),
    path("library/<slug:document>/<int:number>/", views.article, name="article"),
]
