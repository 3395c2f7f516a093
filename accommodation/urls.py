from django.urls import path

from . import arrange_views, views

app_name = "accommodation"
urlpatterns = [
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/new/", views.provider_edit, name="provider_create"),
    path("providers/<int:pk>/", views.provider_detail, name="provider_detail"),
    path("providers/<int:pk>/edit/", views.provider_edit, name="provider_update"),
    path("program/<int:program_pk>/", views.matching, name="matching"),
    path("runs/<int:pk>/", views.run_status, name="run"),
    path("stays/<int:pk>/confirm/", views.stay_confirm, name="stay_confirm"),
    path("requests/<int:pk>/propose/", views.stay_propose, name="stay_propose"),
    path("mine/", views.my_listings, name="my_listings"),
    path("application/<int:application_pk>/", views.mine, name="mine"),
]
urlpatterns += [
    path("requests/<int:pk>/assign/", arrange_views.assign, name="assign"),
    path("application/<int:application_pk>/outside/", arrange_views.outside, name="outside"),
    path("stays/<int:pk>/ask-host/", arrange_views.ask_host, name="ask_host"),
    path("host/<str:token>/", arrange_views.host_answer, name="host_answer"),
]
