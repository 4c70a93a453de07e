from django.urls import path

from pingxing.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("<int:member_id>/", views.member_detail, name="detail"),
]
