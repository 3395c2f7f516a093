from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("program/<int:program_pk>/readiness/", views.readiness_dashboard, name="readiness"),
    path(
        "program/<int:program_pk>/readiness/export/",
        views.readiness_export,
        name="readiness_export",
    ),
    path("exports/<int:pk>/", views.export_status, name="export_status"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
