"""Supervisors: roles for existing people in the coordinator's own departments."""

from django.urls import reverse

from accounts.models import User
from hospitals.models import Supervisor
from tests.factories import SupervisorFactory, UserFactory


def test_the_list_shows_only_supervisors_of_our_departments(
    coordinator, client_for, supervisor, other_department
):
    SupervisorFactory(department=other_department, user__email="outsider@example.org")

    response = client_for(coordinator).get(reverse("hospitals:supervisor_list"))

    assert [row.user for row in response.context["rows"]] == [supervisor]
    assert "outsider@example.org" not in response.content.decode()


def test_the_list_links_to_the_invitation_page(coordinator, client_for):
    response = client_for(coordinator).get(reverse("hospitals:supervisor_list"))

    assert reverse("hospitals:team") in response.content.decode()
    assert "Invite a supervisor" in response.content.decode()


def test_the_list_finds_a_supervisor_by_native_name(coordinator, client_for, department):
    SupervisorFactory(department=department, user__native_name="박서준")
    SupervisorFactory(department=department, user__native_name="Иван Иванов")

    response = client_for(coordinator).get(reverse("hospitals:supervisor_list"), {"q": "서준"})

    assert [row.user.native_name for row in response.context["rows"]] == ["박서준"]


def test_the_list_filters_by_hospital(coordinator, client_for, supervisor, myongji):
    other = SupervisorFactory(department__hospital=myongji)

    response = client_for(coordinator).get(
        reverse("hospitals:supervisor_list"), {"hospital": myongji.pk}
    )

    assert list(response.context["rows"]) == [other]


def test_a_coordinator_gives_an_existing_person_a_supervisor_role(
    coordinator, client_for, department
):
    person = UserFactory(email="dr.kim@example.org")

    response = client_for(coordinator).post(
        reverse("hospitals:supervisor_create"),
        {"email": "Dr.Kim@example.org", "department": department.pk, "max_trainees": "3"},
    )

    assert response["Location"] == reverse("hospitals:supervisor_list")
    role = Supervisor.objects.get(user=person)
    assert (role.department, role.max_trainees) == (department, 3)


def test_an_unknown_email_is_a_field_error_pointing_to_invitations(
    coordinator, client_for, department
):
    response = client_for(coordinator).post(
        reverse("hospitals:supervisor_create"),
        {"email": "nobody@example.org", "department": department.pk, "max_trainees": "2"},
    )

    assert "Invite them" in response.context["form"].errors["email"][0]
    assert not Supervisor.objects.exists()


def test_another_organisations_department_is_not_a_choice(
    coordinator, client_for, other_department, trainee
):
    response = client_for(coordinator).post(
        reverse("hospitals:supervisor_create"),
        {"email": trainee.email, "department": other_department.pk, "max_trainees": "2"},
    )

    assert "department" in response.context["form"].errors
    assert not Supervisor.objects.exists()


def test_the_same_person_twice_in_a_department_is_a_field_error(
    coordinator, client_for, supervisor, department
):
    response = client_for(coordinator).post(
        reverse("hospitals:supervisor_create"),
        {"email": supervisor.email, "department": department.pk, "max_trainees": "2"},
    )

    assert "department" in response.context["form"].errors
    assert Supervisor.objects.count() == 1


def test_a_coordinator_changes_title_and_maximum(coordinator, client_for, supervisor):
    role = supervisor.supervisor_roles.get()

    client_for(coordinator).post(
        reverse("hospitals:supervisor_update", args=[role.pk]),
        {"title": "Chief", "max_trainees": "4"},
    )

    role.refresh_from_db()
    assert (role.title, role.max_trainees) == ("Chief", 4)


def test_removing_a_role_keeps_the_account(coordinator, client_for, supervisor):
    role = supervisor.supervisor_roles.get()

    client_for(coordinator).post(reverse("hospitals:supervisor_delete", args=[role.pk]))

    assert not Supervisor.objects.filter(pk=role.pk).exists()
    assert User.objects.filter(pk=supervisor.pk).exists()


def test_another_coordinator_cannot_remove_our_supervisor(
    other_coordinator, client_for, supervisor
):
    role = supervisor.supervisor_roles.get()

    response = client_for(other_coordinator).post(
        reverse("hospitals:supervisor_delete", args=[role.pk])
    )

    assert response.status_code == 404
    assert Supervisor.objects.filter(pk=role.pk).exists()
