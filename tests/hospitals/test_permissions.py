"""Who may open which page: every hospitals URL for every persona.

Anonymous → sign-in, trainee and supervisor → 403, the coordinator of the organisation
→ 200, the coordinator of another organisation → 404 on our rows (ids cannot be probed).
Specialties are shared by every organisation, so both coordinators may open them.
"""

import pytest
from django.urls import reverse

from tests.factories import SpecialtyFactory

PERSONAS = ["anonymous", "trainee", "supervisor", "coordinator", "other_coordinator"]

OWN_OBJECT = {
    "anonymous": 302,
    "trainee": 403,
    "supervisor": 403,
    "coordinator": 200,
    "other_coordinator": 404,
}
ANY_COORDINATOR = {**OWN_OBJECT, "other_coordinator": 200}

# URL name -> (which row the URL points at, expected status per persona)
CASES = {
    "hospitals:hospital_list": (None, ANY_COORDINATOR),
    "hospitals:hospital_create": (None, ANY_COORDINATOR),
    "hospitals:hospital_detail": ("hospital", OWN_OBJECT),
    "hospitals:hospital_update": ("hospital", OWN_OBJECT),
    "hospitals:hospital_delete": ("hospital", OWN_OBJECT),
    "hospitals:department_create": ("hospital", OWN_OBJECT),
    "hospitals:department_update": ("department", OWN_OBJECT),
    "hospitals:department_delete": ("department", OWN_OBJECT),
    "hospitals:specialty_list": (None, ANY_COORDINATOR),
    "hospitals:specialty_create": (None, ANY_COORDINATOR),
    "hospitals:specialty_update": ("unused_specialty", ANY_COORDINATOR),
    "hospitals:specialty_delete": ("unused_specialty", ANY_COORDINATOR),
    "hospitals:supervisor_list": (None, ANY_COORDINATOR),
    "hospitals:supervisor_create": (None, ANY_COORDINATOR),
    "hospitals:supervisor_update": ("supervisor_role", OWN_OBJECT),
    "hospitals:supervisor_delete": ("supervisor_role", OWN_OBJECT),
    "hospitals:partnership_list": (None, ANY_COORDINATOR),
    "hospitals:partnership_create": (None, ANY_COORDINATOR),
    "hospitals:partnership_detail": ("partnership_with_pdf", OWN_OBJECT),
    "hospitals:partnership_update": ("partnership_with_pdf", OWN_OBJECT),
    "hospitals:partnership_delete": ("partnership_with_pdf", OWN_OBJECT),
    "hospitals:partnership_agreement": ("partnership_with_pdf", OWN_OBJECT),
    "hospitals:partner_organisation_create": (None, ANY_COORDINATOR),
    "hospitals:organisation_update": (None, ANY_COORDINATOR),
    "hospitals:team": (None, ANY_COORDINATOR),
}
# POST-only URLs: tested for every persona in tests/test_permission_matrix.py.
POST_ONLY = {"hospitals:invitation_resend", "hospitals:invitation_revoke"}


@pytest.fixture
def unused_specialty(db):
    return SpecialtyFactory(name="Transplant surgery", slug="transplant-surgery")


@pytest.fixture
def supervisor_role(supervisor):
    return supervisor.supervisor_roles.get()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(CASES))
def test_each_persona_gets_the_expected_answer(url_name, persona, request, client, client_for):
    row_fixture, expected = CASES[url_name]
    # Every persona exists in every case, so "other_coordinator" is a real outsider.
    users = {name: request.getfixturevalue(name) for name in PERSONAS[1:]}
    args = [request.getfixturevalue(row_fixture).pk] if row_fixture else []
    url = reverse(url_name, args=args)

    http = client if persona == "anonymous" else client_for(users[persona])
    response = http.get(url)

    assert response.status_code == expected[persona]
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_every_hospitals_url_is_in_the_matrix():
    from hospitals.urls import urlpatterns

    assert {f"hospitals:{pattern.name}" for pattern in urlpatterns} == set(CASES) | POST_ONLY


@pytest.mark.parametrize(
    "url_name",
    [
        "hospitals:hospital_update",
        "hospitals:hospital_delete",
        "hospitals:department_create",
    ],
)
def test_another_coordinator_cannot_post_to_our_hospital(
    url_name, hospital, other_coordinator, client_for
):
    response = client_for(other_coordinator).post(
        reverse(url_name, args=[hospital.pk]), {"name": "Taken over"}
    )

    assert response.status_code == 404
    hospital.refresh_from_db()
    assert hospital.name != "Taken over"
