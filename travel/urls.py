from django.urls import path

from . import views

app_name = "travel"
urlpatterns = [
    path("application/<int:application_pk>/", views.detail, name="detail"),
    path("application/<int:application_pk>/visa/", views.visa_edit, name="visa_edit"),
    path("application/<int:application_pk>/arrival/", views.arrival_edit, name="arrival_edit"),
    path("application/<int:application_pk>/pickup/", views.pickup_edit, name="pickup_edit"),
    path("visa-lead-times/", views.lead_times, name="lead_times"),
    path("pickups/", views.my_pickups, name="my_pickups"),
    path("pickup/<str:token>/", views.pickup_link, name="pickup_link"),
    path("pickup/<str:token>/photo/", views.pickup_photo, name="pickup_photo"),
]
