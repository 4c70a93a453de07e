from django.urls import path

from pingxing.pledges import views

app_name = "pledges"
urlpatterns = [
    path("", views.index, name="mine"),
    path("start/", views.sheet_start, name="start"),
    path("export.xlsx", views.sheet_export, name="export"),
    path("<int:sheet_id>/", views.sheet_detail, name="sheet"),
    path("<int:sheet_id>/items/", views.item_add, name="item_add"),
    path("<int:sheet_id>/submit/", views.sheet_submit, name="submit"),
    path("<int:sheet_id>/review/", views.sheet_review, name="review"),
    path("<int:sheet_id>/self/", views.self_evaluate, name="self"),
    path("<int:sheet_id>/organization/", views.org_evaluate, name="org_evaluate"),
    path("<int:sheet_id>/peer/", views.peer_rate, name="peer"),
    path("items/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path("items/<int:item_id>/fulfil/", views.fulfilment_add, name="fulfil"),
    path("items/<int:item_id>/check/", views.item_check, name="check"),
    path("fulfilments/<int:fulfilment_id>/review/", views.fulfilment_review, name="fulfilment_review"),
    path("fulfilments/<int:fulfilment_id>/file/", views.fulfilment_file, name="fulfilment_file"),
    path("public/<int:org_id>/", views.public, name="public"),
]
