from django.urls import path

from . import views

app_name = "investment_supervision"
urlpatterns = [
    path("investment-supervision/", views.console, name="console"),
    path("investment-supervision/communes/<str:code>/", views.commune_projects, name="commune"),
    path("investment-supervision/projects/<int:pk>/", views.public_project, name="public"),
    path("investment-supervision/<int:pk>/", views.project, name="project"),
    path("investment-supervision/<int:pk>/evidence/<int:item>/", views.evidence, name="evidence"),
    path("investment-supervision/<int:pk>/<str:name>/", views.step, name="step"),
    path("investment-supervision/<int:pk>/<str:name>/<int:target>/", views.step, name="step-on"),
    path("investment-supervision/<int:pk>/papers/<str:kind>.<str:ext>", views.document, name="document"),
]
