from django.urls import path

from pingxing.members import views, views_regional, views_tools

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.member_new, name="new"),
    path("<int:member_id>/", views.member_detail, name="detail"),
    path("<int:member_id>/edit/", views.member_edit, name="edit"),
    path("<int:member_id>/delete/", views.member_delete, name="delete"),
    path("<int:member_id>/id-number/", views.member_reveal_id, name="reveal_id"),
    path("<int:member_id>/edit/contact/", views.member_reveal_contact, name="reveal_contact"),
    path("<int:member_id>/work-unit/", views_regional.work_unit_set, name="work_unit_set"),
    path("regional/<int:org_id>/drawn/", views_regional.drawn_add, name="drawn_add"),
    path("drawn/<int:drawn_id>/remove/", views_regional.drawn_remove, name="drawn_remove"),
    path("grouping/<int:org_id>/", views_tools.grouping, name="grouping"),
    path("import/", views_tools.member_import, name="import"),
    path("export.xlsx", views_tools.member_export, name="export"),
    path("template.xlsx", views_tools.member_template, name="template"),
]
