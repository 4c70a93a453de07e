from django.urls import path

from pingxing.ratings.views import assessment, campaigns, cases, declaration, imports

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
    path("", campaigns.campaign_list, name="campaigns"),
    path("<int:year>/", campaigns.campaign_detail, name="campaign"),
    path("<int:year>/import/", imports.facts_import, name="import"),
    path("<int:year>/import/template/", imports.facts_template, name="import_template"),
]
