from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from pingxing.carefund import views

app_name = "carefund"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("funds/<int:fund_id>/", views.fund, name="fund"),
    path("funds/<int:fund_id>/donate/", views.donate, name="donate"),
    path("funds/<int:fund_id>/statement.<str:fmt>", views.statement_file, name="statement"),
    path("funds/<int:fund_id>/postings/<int:posting_id>/reverse/", views.posting_reverse, name="posting_reverse"),
    path("hardship/", views.register, name="register"),
    path("hardship/<int:record_id>/close/", views.hardship_close, name="hardship_close"),
    path("applications/", views.applications, name="applications"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:app_id>/", views.application, name="application"),
    path("applications/<int:app_id>/<str:step>/", views.application_step, name="application_step"),
]
