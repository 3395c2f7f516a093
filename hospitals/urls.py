from django.urls import path

from hospitals import views, views_team

app_name = "hospitals"
urlpatterns = [
    path("hospitals/", views.hospital_list, name="hospital_list"),
    path("hospitals/new/", views.hospital_create, name="hospital_create"),
    path("hospitals/<int:pk>/", views.hospital_detail, name="hospital_detail"),
    path("hospitals/<int:pk>/edit/", views.hospital_update, name="hospital_update"),
    path("hospitals/<int:pk>/delete/", views.hospital_delete, name="hospital_delete"),
    path(
        "hospitals/<int:hospital_pk>/departments/new/",
        views.department_create,
        name="department_create",
    ),
    path("departments/<int:pk>/edit/", views.department_update, name="department_update"),
    path("departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
    path("specialties/", views.specialty_list, name="specialty_list"),
    path("specialties/new/", views.specialty_create, name="specialty_create"),
    path("specialties/<int:pk>/edit/", views.specialty_update, name="specialty_update"),
    path("specialties/<int:pk>/delete/", views.specialty_delete, name="specialty_delete"),
    path("supervisors/", views.supervisor_list, name="supervisor_list"),
    path("supervisors/new/", views.supervisor_create, name="supervisor_create"),
    path("supervisors/<int:pk>/edit/", views.supervisor_update, name="supervisor_update"),
    path("supervisors/<int:pk>/delete/", views.supervisor_delete, name="supervisor_delete"),
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_update, name="partnership_update"),
    path("partnerships/<int:pk>/delete/", views.partnership_delete, name="partnership_delete"),
    path(
        "partnerships/<int:pk>/agreement/",
        views.partnership_agreement,
        name="partnership_agreement",
    ),
    path("partners/new/", views.partner_organisation_create, name="partner_organisation_create"),
    path("organisation/", views_team.organisation_update, name="organisation_update"),
    path("team/", views_team.invitation_list, name="team"),
    path(
        "team/invitations/<int:pk>/resend/",
        views_team.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "team/invitations/<int:pk>/revoke/",
        views_team.invitation_revoke,
        name="invitation_revoke",
    ),
]
