"""Public pages (no login): the notice of candidates for the top stars (公示), objections, receipts."""

from django.urls import path

from pingxing.ratings.views import public

app_name = "public"
urlpatterns = [
    path("notice/", public.notice_list, name="notice"),
    path("notice/<int:case_id>/", public.objection_form, name="objection"),
    path("objection/receipt/", public.objection_receipt, name="objection_receipt"),
    path("objection/status/", public.objection_status, name="objection_status"),
]
