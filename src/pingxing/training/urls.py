from __future__ import annotations

from django.urls import path

from pingxing.training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("courses/", views.course_list, name="courses"),
    path("courses/new/", views.course_new, name="course_new"),
    path("courses/<int:course_id>/", views.course_detail, name="course"),
    path("courses/<int:course_id>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/import/", views.attendance_import, name="import"),
    path("template.xlsx", views.attendance_template, name="template"),
    path("hours/<int:org_id>/", views.hours, name="hours"),
    path("hours/<int:org_id>/export.xlsx", views.hours_export, name="hours_export"),
    path("targets/<int:org_id>/", views.targets, name="targets"),
]
