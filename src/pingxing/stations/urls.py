from __future__ import annotations

from django.urls import path

from pingxing.stations import views

app_name = "stations"
urlpatterns = [
    path("", views.station_list, name="list"),
    path("public/", views.public_list, name="public"),
    path("new/", views.station_new, name="station_new"),
    path("<int:station_id>/", views.station_detail, name="station"),
    path("<int:station_id>/edit/", views.station_edit, name="station_edit"),
    path("<int:station_id>/activities/new/", views.activity_new, name="activity_new"),
    path("sites/<int:site_id>/sessions/new/", views.remote_session_new, name="remote_session_new"),
]
