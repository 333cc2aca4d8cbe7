from django.urls import path

from . import public, views

app_name = "petitions"
urlpatterns = [
    path("petitions/", views.console, name="console"),
    path("petitions/mine/", views.mine, name="mine"),
    path("petitions/<int:pk>/", views.case, name="case"),
    path("petitions/<int:pk>/identity/", views.reveal, name="reveal"),
    path("petitions/<int:pk>/photos/<int:photo_id>/", views.photo, name="photo"),
    path("petitions/<int:pk>/<str:name>/", views.step, name="step"),
    path("petitions/communes/<str:code>/", public.commune, name="public"),
    path("petitions/communes/<str:code>/new/", views.new, name="new"),
    path("petitions/communes/<str:code>/enter/", views.enter, name="enter"),
    path("petitions/communes/<str:code>/report.<str:ext>", views.report, name="report"),
]
