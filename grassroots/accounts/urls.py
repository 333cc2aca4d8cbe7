from django.contrib.auth import views as auth_views
from django.urls import path

from . import code_views, views
from .middleware import second_factor_exempt

app_name = "accounts"
urlpatterns = [
    path("login/", second_factor_exempt(views.LoginView.as_view()), name="login"),
    path("login/code/", code_views.code_request, name="code-request"),
    path("login/code/enter/", code_views.code_enter, name="code-enter"),
    path("login/code/password/", code_views.code_password, name="code-password"),
    path("login/forgot/", code_views.password_forgot, name="password-forgot"),
    path("logout/", second_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path("account/", views.profile, name="profile"),
    path("account/two-factor/", views.two_factor, name="two-factor"),
    path("account/two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("account/sign-ins/", views.sign_ins, name="sign-ins"),
    path("account/api-tokens/", views.api_tokens, name="api-tokens"),
    path("account/api-tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password-change"),
]
