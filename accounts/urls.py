from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.placeholder, name="profile"),
    path("team/", views.placeholder, name="invitation_list"),
]
