from django.urls import URLPattern

app_name = "conventions"
urlpatterns: list[URLPattern] = []
