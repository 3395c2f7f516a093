from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("program/<int:program_pk>/schedule/", views.schedule, name="schedule"),
    path("program/<int:program_pk>/readiness/", views.readiness_dashboard, name="readiness"),
    path(
        "program/<int:program_pk>/readiness/export/",
        views.readiness_export,
        name="readiness_export",
    ),
    path("exports/<int:pk>/", views.export_status, name="export_status"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("mine/", views.mine, name="mine"),
    path("calendar/reset/", views.feed_reset, name="feed_reset"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
