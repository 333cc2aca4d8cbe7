from django.urls import path

from .views import page, public, staff

app_name = "consultations"
urlpatterns = [
    path("consultations/", page.index, name="index"),
    path("consultations/new/<str:code>/", page.new, name="new"),
    path("consultations/<int:pk>/", page.detail, name="detail"),
    path("consultations/<int:pk>/answer/", page.answer, name="answer"),
    path("consultations/<int:pk>/compare/", page.compare, name="compare"),
    path("consultations/<int:pk>/opinion/", staff.opinion, name="opinion"),
    path("consultations/<int:pk>/plan-sent/", staff.plan_sent, name="plan-sent"),
    path("consultations/<int:pk>/draft/", staff.draft, name="draft"),
    path("consultations/<int:pk>/opinion-map/", staff.opinion_map, name="opinion-map"),
    path("consultations/<int:pk>/question/", staff.question, name="question"),
    path("consultations/<int:pk>/publish/", staff.publish, name="publish"),
    path("consultations/<int:pk>/enter/", staff.enter, name="enter"),
    path("consultations/<int:pk>/slip/", staff.slip, name="slip"),
    path("consultations/<int:pk>/opinions/<int:opinion>/hide/", staff.hide, name="hide"),
    path("consultations/<int:pk>/groups/", staff.group, name="group"),
    path("consultations/<int:pk>/groups/assign/", staff.assign, name="assign"),
    path("consultations/<int:pk>/groups/respond/", staff.respond, name="respond"),
    path("consultations/<int:pk>/synthesis/", staff.synthesis, name="synthesis"),
    path("consultations/<int:pk>/decision/", staff.decision, name="decision"),
    path("consultations/<int:pk>/close/", staff.close, name="close"),
    path("consultations/<int:pk>/<str:kind>.<str:ext>", staff.document, name="document"),
    path("consultations/public/u/<str:code>/", public.unit_list, name="public-list"),
    path("consultations/public/<int:pk>/", public.page, name="public"),
    path("consultations/public/<int:pk>/synthesis.<str:ext>", public.document, name="public-document"),
]
