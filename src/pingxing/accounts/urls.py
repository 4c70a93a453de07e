from django.urls import path

from pingxing.accounts import views, views_admin

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("manage/", views_admin.account_list, name="admin_list"),
    path("manage/new/", views_admin.account_new, name="admin_new"),
    path("manage/export.xlsx", views_admin.account_export, name="admin_export"),
    path("manage/import/", views_admin.account_import, name="admin_import"),
    path("manage/template.xlsx", views_admin.account_template, name="admin_template"),
    path("manage/<int:account_id>/", views_admin.account_detail, name="admin_detail"),
    path("manage/<int:account_id>/role/", views_admin.account_role, name="admin_role"),
    path("manage/<int:account_id>/<slug:action>/", views_admin.account_action, name="admin_action"),
]
