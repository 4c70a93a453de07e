from __future__ import annotations

from django.urls import path

from pingxing.cobuilding import views

app_name = "cobuilding"
urlpatterns = [
    path("", views.contract_list, name="contracts"),
    path("new/", views.contract_new, name="contract_new"),
    path("overview/", views.overview, name="overview"),
    path("<int:contract_id>/", views.contract_detail, name="contract"),
    path("<int:contract_id>/partners/", views.partner_new, name="partner_new"),
    path("<int:contract_id>/items/", views.item_new, name="item_new"),
    path("<int:contract_id>/items/<int:item_id>/deliveries/", views.delivery_new, name="delivery_new"),
    path("<int:contract_id>/reviews/", views.review_new, name="review_new"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("public/<int:contract_id>/", views.public, name="public"),
]
