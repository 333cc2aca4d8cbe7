from django.urls import path

from . import views

app_name = "inspection"
urlpatterns = [
    path("inspection-board/<str:code>/", views.public, name="public"),
    path("inspection/", views.console, name="console"),
    path("inspection/<str:code>/", views.board, name="board"),
    path("inspection/<str:code>/open/", views.open_board, name="open"),
    path("inspection/<str:code>/deputies/", views.deputies, name="deputies"),
    path("inspection/<str:code>/nominate/", views.nominate, name="nominate"),
    path("inspection/<str:code>/link/", views.link, name="link"),
    path("inspection/<str:code>/decide/", views.decide, name="decide"),
    path("inspection/<str:code>/officers/", views.officers, name="officers"),
    path("inspection/<str:code>/announce/", views.announce, name="announce"),
    path("inspection/<str:code>/leave/", views.leave, name="leave"),
    path("inspection/<str:code>/close-term/", views.close_term, name="close-term"),
    path("inspection/<str:code>/plans/", views.plan, name="plan"),
    path("inspection/<str:code>/plans/<int:pk>.<str:ext>", views.plan_document, name="plan-document"),
]
