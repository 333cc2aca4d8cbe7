from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("units/", views.unit_list, name="unit-list"),
    path("units/<str:code>/", views.unit_detail, name="unit-detail"),
]
