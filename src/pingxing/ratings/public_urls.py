"""Public pages (no login): the notice of candidates for four and five stars (公示)."""

from django.urls import path

from pingxing.ratings.views import public

app_name = "public"
urlpatterns = [
    path("notice/", public.notice_list, name="notice"),
    path("notice/<int:case_id>/", public.objection_form, name="objection"),
]
