from __future__ import annotations

from django.urls import path

from pingxing.grid import views_cases, views_public

urlpatterns: list = [
    path("cases/", views_cases.case_list, name="cases"),
    path("cases/export/", views_cases.case_export, name="cases_export"),
    path("cases/new/", views_cases.case_new, name="case_new"),
    path("cases/<int:case_id>/", views_cases.case_detail, name="case"),
    path("cases/<int:case_id>/step/", views_cases.case_step, name="case_step"),
    path("cases/files/<int:file_id>/", views_cases.case_file, name="case_file"),
    # The resident's pages, no login.
    path("report/", views_public.report, name="report"),
    path("report/done/", views_public.report_done, name="report_done"),
    path("follow/", views_public.follow, name="follow"),
    path("follow/answer/", views_public.follow_answer, name="follow_answer"),
]
