from django.urls import path

from . import public, views

app_name = "service_ratings"
urlpatterns = [
    path("service-ratings/", views.console, name="console"),
    path("service-ratings/communes/<str:code>/", views.commune, name="commune"),
    path("service-ratings/services/<int:pk>/offered/", views.service_offered, name="service-offered"),
    path("service-ratings/comments/<int:pk>/publish/", views.publish_comment, name="publish-comment"),
    path("service-ratings/comments/<int:pk>/hide/", views.hide_comment, name="hide-comment"),
    path("service-ratings/rate/", views.rate, name="rate"),
    path("service-ratings/public/<str:code>/", public.public, name="public"),
    path("service-ratings/public/<str:code>/ratings.csv", public.public_csv, name="public-csv"),
]
