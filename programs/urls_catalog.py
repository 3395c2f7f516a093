from django.urls import path

from programs import views_catalog

app_name = "catalog"
urlpatterns = [
    path("", views_catalog.catalog_list, name="list"),
    path("<int:pk>/", views_catalog.catalog_detail, name="detail"),
]
