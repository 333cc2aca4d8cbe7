from django.urls import path

from . import public, views

app_name = "dialogues"
urlpatterns = [
    path("dialogues/", views.console, name="console"),
    path("dialogues/communes/<str:code>/", views.commune, name="commune"),
    path("dialogues/<int:pk>/", views.dialogue, name="dialogue"),
    path("dialogues/<int:pk>/agree/", views.agree, name="agree"),
    path("dialogues/<int:pk>/notice/", views.notice, name="notice"),
    path("dialogues/<int:pk>/questions/", views.enter_question, name="enter-question"),
    path("dialogues/<int:pk>/hold/", views.hold, name="hold"),
    path("dialogues/<int:pk>/conclusion/", views.conclusion, name="conclusion"),
    path("dialogues/<int:pk>/close/", views.close, name="close"),
    path("dialogues/<int:pk>/minutes.<str:ext>", views.minutes, name="minutes"),
    path("dialogues/questions/<int:pk>/answer/", views.answer, name="answer"),
    path("dialogues/questions/<int:pk>/publish/", views.publish_answer, name="publish-answer"),
    path("dialogues/questions/<int:pk>/hide/", views.hide_question, name="hide-question"),
    path("dialogues/mine/", public.mine, name="mine"),
    path("dialogues/public/<str:code>/", public.commune, name="public-commune"),
    path("dialogues/public/dialogue/<int:pk>/", public.dialogue, name="public-dialogue"),
    path("dialogues/public/dialogue/<int:pk>/ask/", public.ask, name="ask"),
    path("dialogues/public/dialogue/<int:pk>/minutes.<str:ext>", public.public_minutes, name="public-minutes"),
]
