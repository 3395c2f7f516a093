from django.urls import path

from . import views

app_name = "trainees"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/photo/", views.photo_upload, name="photo_upload"),
    path("photo/<int:user_pk>/", views.photo, name="photo"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("documents/<int:pk>/review/", views.document_review, name="document_review"),
]
