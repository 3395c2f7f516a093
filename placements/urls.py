from django.urls import path

from . import plan_views, views, views_schedule

app_name = "placements"
urlpatterns = [
    path("program/<int:program_pk>/schedule/", views.schedule, name="schedule"),
    path(
        "program/<int:program_pk>/schedule/trainee/<int:application_pk>/",
        views_schedule.schedule_trainee,
        name="schedule_trainee",
    ),
    path(
        "program/<int:program_pk>/schedule/trainee/<int:application_pk>/week/<int:week>/",
        views_schedule.schedule_cell,
        name="schedule_cell",
    ),
    path("suggestions/<int:pk>/", plan_views.plan_review, name="plan_review"),
    path("suggestions/<int:pk>/apply/", plan_views.plan_apply, name="plan_apply"),
    path("suggestions/<int:pk>/discard/", plan_views.plan_discard, name="plan_discard"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("mine/", views.mine, name="mine"),
    path("calendar/reset/", views.feed_reset, name="feed_reset"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
