from django.urls import path

from pingxing.orgs import views, views_excel, views_overview, views_regional

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:org_id>/", views.org_detail, name="detail"),
    path("<int:org_id>/edit/", views.org_edit, name="edit"),
    path("<int:parent_id>/new/", views.org_new, name="new"),
    path("<int:org_id>/groups/new/", views.group_new, name="group_new"),
    path("groups/<int:group_id>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:group_id>/delete/", views.group_delete, name="group_delete"),
    path("outside-units/", views_regional.outside_units, name="outside_units"),
    path("outside-units/<int:unit_id>/edit/", views_regional.outside_unit_edit, name="outside_unit_edit"),
    path("<int:org_id>/member-units/add/", views_regional.member_unit_add, name="member_unit_add"),
    path("member-units/<int:unit_id>/remove/", views_regional.member_unit_remove, name="member_unit_remove"),
    path("overview/", views_overview.org_overview, name="overview"),
    path("overview.xlsx", views_overview.org_overview_export, name="overview_export"),
    path("import/", views_excel.org_import, name="import"),
    path("export.xlsx", views_excel.org_export, name="export"),
    path("template.xlsx", views_excel.org_template, name="template"),
]
