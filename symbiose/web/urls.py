from django.contrib.auth import views as auth_views
from django.urls import path

from symbiose.web.views import accounts, matches, organisations, pages, registration, suggest

app_name = "web"
urlpatterns = [
    path("", pages.home, name="home"),
    path("cases/", pages.library, name="library"),
    path("accounts/signup/", accounts.sign_up, name="signup"),
    path("accounts/signup/sent/", accounts.sign_up_sent, name="signup_sent"),
    path("accounts/signup/<str:token>/", accounts.sign_up_confirm, name="signup_confirm"),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("accounts/password-reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", accounts.password_reset_done,
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts.password_reset_confirm,
         name="password_reset_confirm"),
    path("organisations/new/", registration.org_new, name="org_new"),
    path("organisations/find/", organisations.org_find, name="org_find"),
    path("organisations/<str:org>/", organisations.org_detail, name="org_detail"),
    path("organisations/<str:org>/join/", organisations.org_join, name="org_join"),
    path("organisations/<str:org>/join/<int:pk>/", organisations.join_decide,
         name="join_decide"),
    path("organisations/<str:org>/streams/new/", registration.stream_new, name="stream_new"),
    path("streams/", registration.my_streams, name="my_streams"),
    path("streams/<str:ref>/edit/", registration.stream_edit, name="stream_edit"),
    path("streams/<str:ref>/archive/", registration.stream_archive, name="stream_archive"),
    path("streams/<str:ref>/confirm/", registration.stream_confirm, name="stream_confirm"),
    path("streams/<str:ref>/matches/", matches.matches, name="matches"),
    path("map/", matches.hub_map, name="map"),
    path("map/layer.json", matches.map_layer, name="map_layer"),
    path("suggest/convert/", suggest.convert, name="convert"),
    path("suggest/<str:kind>/", suggest.suggest, name="suggest"),
]  # fmt: skip
