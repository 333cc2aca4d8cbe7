from django.urls import path

from .views import console, public

app_name = "conventions"
urlpatterns = [
    # The public register (D61 Arts 9, 15, 16).
    path("conventions/", public.register, name="register"),
    path("conventions/<int:pk>/", public.convention, name="convention"),
    path("conventions/versions/<int:pk>/", public.version, name="version"),
    path("conventions/versions/<int:pk>/comment/", public.comment, name="comment"),
    path("conventions/versions/<int:pk>/compare/", public.compare, name="compare"),
    path("conventions/versions/<int:pk>/form-<str:form>.<str:ext>", public.document, name="document"),
    path("conventions/rulings/<int:pk>/decision.<str:ext>", public.ruling_document, name="ruling-document"),
    path("conventions/statistics/", public.statistics, name="statistics"),
    path("conventions/statistics.csv", public.statistics_csv, name="statistics-csv"),
    # The consoles (village head, Front work committee head, commune officials).
    path("conventions/console/", console.home, name="console-home"),
    path("conventions/console/propose/", console.propose, name="propose"),
    path("conventions/console/<int:pk>/", console.console, name="console"),
    path("conventions/console/<int:pk>/team/", console.team, name="team"),
    path("conventions/console/<int:pk>/versions/", console.add_version, name="add-version"),
    path("conventions/console/<int:pk>/report/", console.report, name="report"),
    path("conventions/console/<int:pk>/review/", console.review, name="review"),
    path("conventions/console/<int:pk>/review-day/", console.review_day, name="review-day"),
    path("conventions/console/versions/<int:pk>/post/", console.post, name="post"),
    path("conventions/console/versions/<int:pk>/comment/", console.enter_comment, name="enter-comment"),
    path("conventions/console/versions/<int:pk>/vote/", console.put_to_vote, name="put-to-vote"),
    path("conventions/console/versions/<int:pk>/dossier/", console.file_dossier, name="dossier"),
    path("conventions/console/versions/<int:pk>/recognize/", console.recognize, name="recognize"),
    path("conventions/console/versions/<int:pk>/refuse/", console.refuse, name="refuse"),
    path("conventions/console/versions/<int:pk>/distribute/", console.distribute, name="distribute"),
    path("conventions/console/comments/<int:pk>/hide/", console.hide, name="hide"),
    path("conventions/console/rulings/<int:pk>/answer/", console.answer, name="answer"),
]
