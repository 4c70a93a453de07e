from django.urls import path

from pingxing.evaluations import views, views_handling, views_public, views_reports

app_name = "evaluations"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_start, name="start"),
    path("<int:evaluation_id>/", views.evaluation_detail, name="detail"),
    path("<int:evaluation_id>/advance/", views.evaluation_advance, name="advance"),
    path("<int:evaluation_id>/excuse/", views.entry_excuse, name="excuse"),
    path("<int:evaluation_id>/representatives/", views.representative_add, name="representative_add"),
    path("<int:evaluation_id>/codes/", views.codes_issue, name="codes"),
    path("<int:evaluation_id>/paper/", views.paper_sheet, name="paper"),
    path("<int:evaluation_id>/tally/", views.evaluation_tally, name="tally"),
    path("<int:evaluation_id>/tally-photo/", views.tally_photo, name="tally_photo"),
    path("<int:evaluation_id>/grades/", views.grades_record, name="grades"),
    path("<int:evaluation_id>/publish/", views.evaluation_publish, name="publish"),
    path("<int:evaluation_id>/ballot/", views.member_ballot, name="ballot"),
    path("<int:evaluation_id>/self/", views.self_assessment, name="self"),
    path("<int:evaluation_id>/trackers/", views.trackers, name="trackers"),
    # 组织处置 (organizational handling) of the members graded 基本不合格 / 不合格
    path("<int:evaluation_id>/handling/", views_handling.handling_list, name="handling"),
    path("<int:evaluation_id>/handling/open/", views_handling.handling_open, name="handling_open"),
    path("handling/<int:case_id>/", views_handling.handling_case, name="handling_case"),
    path("handling/<int:case_id>/steps/<int:step_id>/<slug:action>/", views_handling.handling_act,
         name="handling_act"),
    # The mass representatives' ballot (no login); the code comes in the fragment, then by POST.
    path("v/", views.code_ballot, name="code_ballot"),
    # 五亮 public page (no login) and its A3 poster; the summary table and the street's overview
    path("public/<int:org_id>/", views_public.public, name="public"),
    path("public/<int:org_id>/v<int:version>/", views_public.public, name="public_version"),
    path("public/<int:org_id>/poster.pdf", views_public.public_poster, name="public_poster"),
    path("<int:evaluation_id>/report/", views_reports.summary_report, name="report"),
    path("<int:evaluation_id>/report.<str:fmt>", views_reports.summary_report, name="report_file"),
    path("overview/", views_reports.street_overview, name="overview"),
]
