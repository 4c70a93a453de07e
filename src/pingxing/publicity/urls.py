from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from pingxing.publicity import views

app_name = "publicity"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.article_list, name="list"),
    path("new/", views.article_new, name="new"),
    path("queue/", views.review_queue, name="queue"),
    path("public/", views.public, name="public"),
    path("public/<int:article_id>/", views.public_article, name="public_article"),
    path("<int:article_id>/", views.article_detail, name="article"),
    path("<int:article_id>/edit/", views.article_edit, name="edit"),
    path("<int:article_id>/submit/", views.article_submit, name="submit"),
    path("<int:article_id>/approve/", views.article_approve, name="approve"),
    path("<int:article_id>/return/", views.article_return, name="return"),
    path("<int:article_id>/withdraw/", views.article_withdraw, name="withdraw"),
    path("<int:article_id>/photos/", views.photo_add, name="photo_add"),
    path("photos/<int:photo_id>/", views.photo_file, name="photo"),
    path("photos/<int:photo_id>/remove/", views.photo_remove, name="photo_remove"),
]
