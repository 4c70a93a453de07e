from __future__ import annotations

from django.urls import path

from pingxing.cadres.views import cases, pledges, roster

app_name = "cadres"
urlpatterns = [
    path("", pledges.index, name="index"),
    path("roster/", roster.my_roster, name="my_roster"),
    path("roster/<int:org_id>/", roster.roster, name="roster"),
    path("roster/<int:org_id>/add/", roster.post_add, name="post_add"),
    path("roster/<int:org_id>/evaluation/", roster.leadership_evaluation, name="leadership_evaluation"),
    path("posts/<int:post_id>/end/", roster.post_end, name="post_end"),
    path("structure/", roster.structure, name="structure"),
    path("structure.xlsx", roster.structure_export, name="structure_export"),
    path("pledges/start/", pledges.pledge_start, name="pledge_start"),
    path("pledges/<int:pledge_id>/", pledges.pledge_detail, name="pledge"),
    path("pledges/<int:pledge_id>/target/", pledges.pledge_target, name="pledge_target"),
    path("pledges/<int:pledge_id>/commitments/", pledges.commitment_add, name="commitment_add"),
    path("pledges/<int:pledge_id>/submit/", pledges.pledge_submit, name="pledge_submit"),
    path("pledges/<int:pledge_id>/review/", pledges.pledge_review, name="pledge_review"),
    path("commitments/<int:commitment_id>/remove/", pledges.commitment_remove, name="commitment_remove"),
    path("checkpoints/<int:checkpoint_id>/", pledges.checkpoint, name="checkpoint"),
    path("checkpoints/<int:checkpoint_id>/file/", pledges.checkpoint_file, name="checkpoint_file"),
    path("checkpoints/<int:checkpoint_id>/accountability/", cases.accountability_open, name="accountability_open"),
    path("report/<int:post_id>/", pledges.duty_report, name="report"),
    path("report/<int:post_id>/docx/", pledges.duty_report_docx, name="report_docx"),
    path("accountability/", cases.accountability_list, name="accountability_list"),
    path("accountability/<int:case_id>/", cases.accountability_detail, name="accountability"),
    path("accountability/<int:case_id>/decide/", cases.accountability_decide, name="accountability_decide"),
    path("adjustments/", cases.adjustment_list, name="adjustments"),
    path("adjustments/propose/<int:post_id>/", cases.adjustment_propose, name="adjustment_propose"),
    path("adjustments/<int:case_id>/", cases.adjustment_detail, name="adjustment"),
    path("adjustments/<int:case_id>/decide/", cases.adjustment_decide, name="adjustment_decide"),
    path("adjustments/files/<int:file_id>/", cases.adjustment_file, name="adjustment_file"),
]
