from django.urls import path

from . import views, views_keeping

app_name = "people"
urlpatterns = [
    path("account/verify/", views.verify, name="verify"),
    path("account/my-data/", views.my_data, name="my-data"),
    path("register/", views.register_home, name="register-home"),
    path("register/unit/<str:code>/", views.register_unit, name="register-unit"),
    path("register/unit/<str:code>/accounts/", views.register_accounts, name="register-accounts"),
    path("register/unit/<str:code>/import/", views.register_import, name="register-import"),
    path("register/import/<int:pk>/", views.import_job, name="import-job"),
    path(
        "register/unit/<str:code>/import/template.<str:kind>",
        views_keeping.import_template,
        name="import-template",
    ),
    path("register/household/<int:pk>/", views.household_detail, name="household-detail"),
    path("register/household/<int:pk>/reveal/", views.reveal_id, name="reveal-id"),
    path("register/household/<int:pk>/letter/", views.sign_in_letter, name="sign-in-letter"),
    path("register/household/<int:pk>/link/", views.link_account, name="link-account"),
    path("register/household/<int:pk>/link/<int:proposal_pk>/confirm/", views.confirm_link, name="confirm-link"),
    path("register/household/<int:pk>/link/<int:proposal_pk>/withdraw/", views.withdraw_link, name="withdraw-link"),
    # Keeping the register in the browser (people.keeping).
    path("register/unit/<str:code>/move-in/", views_keeping.household_move_in, name="household-move-in"),
    path("register/household/<int:pk>/history/", views_keeping.household_history, name="household-history"),
    path("register/household/<int:pk>/birth/", views_keeping.record_birth_view, name="record-birth"),
    path("register/household/<int:pk>/move-in/", views_keeping.member_move_in, name="member-move-in"),
    path(
        "register/household/<int:pk>/member/<int:resident_pk>/leaves/",
        views_keeping.member_leaving,
        name="member-leaving",
    ),
    path("register/household/<int:pk>/move-out/", views_keeping.household_move_out, name="household-move-out"),
    path(
        "register/household/<int:pk>/representative/",
        views_keeping.change_representative_view,
        name="change-representative",
    ),
]
