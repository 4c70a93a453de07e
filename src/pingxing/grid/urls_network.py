"""URLs of the grid network (grids, teams, household files, visit diaries)."""

from __future__ import annotations

from django.urls import path

from pingxing.grid import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sw.js", views.service_worker, name="sw"),
    path("lists/", views.lists, name="lists"),
    path("communities/<int:org_id>/", views.community, name="community"),
    path("communities/<int:org_id>/grids/new/", views.grid_new, name="grid_new"),
    path("grids/<int:grid_id>/", views.grid_detail, name="grid"),
    path("grids/<int:grid_id>/edit/", views.grid_edit, name="grid_edit"),
    path("grids/<int:grid_id>/team/", views.team_add, name="team_add"),
    path("team/<int:person_id>/remove/", views.team_remove, name="team_remove"),
    path("households/", views.households, name="households"),
    path("households/new/", views.household_new, name="household_new"),
    path("households/import/", views.households_import, name="households_import"),
    path("households/template.xlsx", views.households_template, name="households_template"),
    path("households/<int:household_id>/", views.household_detail, name="household"),
    path("households/<int:household_id>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:household_id>/residents/", views.resident_add, name="resident_add"),
    path("households/<int:household_id>/links/", views.link_add, name="link_add"),
    path("residents/<int:resident_id>/", views.resident_edit, name="resident_edit"),
    path("links/<int:link_id>/remove/", views.link_remove, name="link_remove"),
    path("visits/", views.visits, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/queue/", views.visit_queue, name="visit_queue"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit"),
    path("visits/<int:visit_id>/grade/", views.visit_grade, name="visit_grade"),
    path("photos/<int:photo_id>/", views.visit_photo, name="visit_photo"),
]
