from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("exports/", views.export_create, name="export_create"),
    path("exports/<int:pk>/", views.export_status, name="export_status"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("erasure/", views.erasure_create, name="erasure_create"),
    path("erasure/cancel/", views.erasure_cancel, name="erasure_cancel"),
    path("notice/", views.notice, name="notice"),
    path("accept/", views.accept, name="accept"),
    path("manage/erasures/", views.erasure_list, name="erasure_list"),
    path("manage/erasures/<int:pk>/", views.erasure_decide, name="erasure_decide"),
    path("manage/log/", views.events, name="events"),
]
