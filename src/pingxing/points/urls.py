from django.urls import path

from pingxing.points import views

app_name = "points"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("member/<int:member_id>/", views.member_ledger, name="member"),
    path("entry/<int:entry_id>/appeal/", views.appeal, name="appeal"),
    path("appeal/<int:appeal_id>/decide/", views.appeal_decide, name="decide"),
    path("org/<int:org_id>/", views.org_table, name="org"),
    path("org/<int:org_id>/entry/", views.entry_new, name="entry_new"),
    path("org/<int:org_id>/exemption/", views.exemption_new, name="exemption_new"),
    path("org/<int:org_id>/setting/", views.setting, name="setting"),
    path("org/<int:org_id>/export.xlsx", views.org_export, name="export"),
    path("street/<int:org_id>/", views.street, name="street"),
]
