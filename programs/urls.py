from django.urls import path

from programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("new/", views.program_create, name="program_create"),
    path("<int:pk>/", views.program_detail, name="program_detail"),
    path("<int:pk>/edit/", views.program_update, name="program_update"),
    path("<int:pk>/delete/", views.program_delete, name="program_delete"),
    path("<int:pk>/status/", views.program_transition, name="program_transition"),
    path("<int:pk>/sites/new/", views.rotation_create, name="rotation_create"),
    path("<int:program_pk>/sites/<int:pk>/edit/", views.rotation_update, name="rotation_update"),
    path("<int:program_pk>/sites/<int:pk>/delete/", views.rotation_delete, name="rotation_delete"),
]
