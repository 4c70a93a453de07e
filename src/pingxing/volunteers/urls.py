from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from pingxing.volunteers import views

app_name = "volunteers"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.activities, name="activities"),
    path("mine/", views.mine, name="mine"),
    path("activities/<int:activity_id>/signup/", views.signup, name="signup"),
    path("activities/<int:activity_id>/confirm/", views.confirm, name="confirm"),
    path("signups/<int:signup_id>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("teams/", views.teams, name="teams"),
    path("teams/new/", views.team_new, name="team_new"),
    path("teams/<int:team_id>/members/", views.team_member_add, name="team_member_add"),
    path("teams/<int:team_id>/", views.team, name="team"),
]
