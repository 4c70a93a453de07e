from django.urls import path

from pingxing.ratings.views import assessment, campaigns, cases, declaration, imports
from pingxing.ratings.views import dashboard as dashboard_views
from pingxing.ratings.views import office as office_views
from pingxing.ratings.views import publication as publication_views
from pingxing.ratings.views import results as results_views

app_name = "ratings"
urlpatterns = [
    path("case/<int:case_id>/", cases.case_detail, name="case"),
    path("case/<int:case_id>/step/<str:action>/", cases.case_step, name="step"),
    path("objection/<int:objection_id>/respond/", cases.objection_respond, name="objection_respond"),
    path("case/<int:case_id>/declare/", declaration.declare, name="declare"),
    path("case/<int:case_id>/preview/", declaration.preview, name="preview"),
    path("case/<int:case_id>/evidence/", declaration.evidence_upload, name="evidence_upload"),
    path("evidence/<int:evidence_id>/", declaration.evidence_download, name="evidence"),
    path("case/<int:case_id>/assess/", assessment.assess, name="assess"),
    path("case/<int:case_id>/accept/", assessment.accept, name="accept"),
    # --- campaigns, publication, results, dashboard: added below ---
    # results (dashboard, publication, dynamic management, use of results)
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("<int:year>/publish/", publication_views.publish, name="publish"),
    path("publication/<int:publication_id>/", publication_views.publication_detail, name="publication"),
    path("publication/<int:publication_id>.<str:fmt>", publication_views.publication_download, name="publication_file"),
    path("<int:year>/report/", publication_views.report, name="report"),
    path("<int:year>/report.<str:fmt>", publication_views.report, name="report_file"),
    path("office/", office_views.office_profile, name="office_profile"),
    path("org/<int:org_id>/history/", results_views.org_history, name="history"),
    path("<int:year>/changes/", results_views.year_changes, name="changes"),
    path("policy/", results_views.policy, name="policy"),
    path("<int:year>/pay/", results_views.pay, name="pay"),
    path("<int:year>/pay.xlsx", results_views.pay_export, name="pay_export"),
    path("<int:year>/pay/base/", results_views.base_pay_save, name="base_pay_save"),
    path("<int:year>/pay/import/", results_views.base_pay_import, name="base_pay_import"),
    path("<int:year>/pay/template.xlsx", results_views.base_pay_template, name="base_pay_template"),
    path("", campaigns.campaign_list, name="campaigns"),
    path("<int:year>/", campaigns.campaign_detail, name="campaign"),
    path("<int:year>/import/", imports.facts_import, name="import"),
    path("<int:year>/import/template/", imports.facts_template, name="import_template"),
    path("case/<int:case_id>/review-preview/", assessment.review_preview, name="review_preview"),
]
