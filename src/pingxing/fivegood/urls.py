from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from pingxing.fivegood import views

app_name = "fivegood"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("open/", views.open_assessment, name="open"),
    path("<int:year>/published/", views.published, name="published"),
    path("<int:year>/publish/", views.publish_all, name="publish_all"),
    path("case/<int:case_id>/", views.case_detail, name="case"),
    path("case/<int:case_id>/facts/", views.case_save, name="case_save"),
    path("case/<int:case_id>/step/<str:action>/", views.case_step, name="case_step"),
]
