from __future__ import annotations

from django.urls import path

from pingxing.posts import views, views_drives, views_public

app_name = "posts"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.post_export, name="export"),
    path("new/", views.post_create, name="create"),
    path("overview/", views.overview, name="overview"),
    path("mine/", views_public.mine, name="mine"),
    path("<int:post_id>/", views.post_detail, name="detail"),
    path("<int:post_id>/edit/", views.post_edit, name="edit"),
    path("<int:post_id>/end/", views.post_end, name="end"),
    path("<int:post_id>/review/", views.post_review, name="review"),
    path("<int:post_id>/drives/", views.post_tag, name="tag"),
    path("<int:post_id>/qr.svg", views_public.qr_svg, name="qr"),
    path("<int:post_id>/print/", views_public.print_card, name="print"),
    path("drives/", views_drives.drive_list, name="drives"),
    path("drives/<int:drive_id>/", views_drives.drive_detail, name="drive"),
    path("card/<slug:token>/", views_public.card, name="card"),
]
