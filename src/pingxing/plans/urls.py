from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from pingxing.plans import views

app_name = "plans"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("overview/", views.overview, name="overview"),
    path("org/<int:org_id>/", views.org_page, name="org"),
    path("org/<int:org_id>/group/", views.group_create, name="group_create"),
    path("org/<int:org_id>/target/", views.target_set, name="target_set"),
    path("org/<int:org_id>/item/", views.item_add, name="item_add"),
    path("group/<int:group_id>/member/", views.member_add, name="member_add"),
    path("member/<int:gm_id>/remove/", views.member_remove, name="member_remove"),
    path("target/<int:target_id>/confirm/", views.target_confirm, name="target_confirm"),
    path("item/<int:item_id>/", views.item_update, name="item_update"),
    path("item/<int:item_id>/note/", views.note_add, name="note_add"),
    path("note/<int:note_id>/file/", views.note_file, name="note_file"),
]
