from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("application/<int:application_pk>/", views.download, name="download"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
