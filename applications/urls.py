from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("start/<int:program_pk>/", views.application_start, name="start"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/edit/", views.application_edit, name="edit"),
    path("<int:pk>/referees/", views.referee_add, name="referee_add"),
    path(
        "<int:pk>/referees/<int:referee_pk>/resend/",
        views.referee_resend,
        name="referee_resend",
    ),
    path("letters/<str:token>/", views.referee_upload, name="referee_upload"),
    path("<int:pk>/<str:action>/", views.application_act, name="act"),
    path("review/program/<int:program_pk>/", views.review_list, name="review_list"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    path("review/letters/<int:pk>/", views.referee_letter, name="referee_letter"),
    path("review/<int:pk>/<str:action>/", views.review_act, name="review_act"),
]
