from django.urls import URLPattern

app_name = "annual_conferences"
urlpatterns: list[URLPattern] = []
