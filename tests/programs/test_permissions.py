"""Who may open which page: every programs and catalog URL for every persona.

Management pages: anonymous → sign-in, trainee and supervisor → 403, coordinator of
another organisation → 404 (ids cannot be probed). The catalog is public, drafts are not.
"""

import pytest
from django.urls import reverse

from programs.models import Program
from tests.factories import ProgramFactory

PERSONAS = ["anonymous", "trainee", "supervisor", "coordinator", "other_coordinator"]

# URL name -> (method, how the arguments are built, expected status per persona)
OWN_OBJECT = {
    "anonymous": 302,
    "trainee": 403,
    "supervisor": 403,
    "coordinator": 200,
    "other_coordinator": 404,
}
LIST_PAGE = {**OWN_OBJECT, "other_coordinator": 200}
POST_REDIRECT = {**OWN_OBJECT, "coordinator": 302}
PUBLIC = dict.fromkeys(PERSONAS, 200)
HIDDEN = dict.fromkeys(PERSONAS, 404)

CASES = [
    ("programs:program_list", "get", "none", LIST_PAGE),
    ("programs:program_create", "get", "none", LIST_PAGE),
    ("programs:program_detail", "get", "program", OWN_OBJECT),
    ("programs:program_update", "get", "program", OWN_OBJECT),
    ("programs:program_delete", "get", "program", OWN_OBJECT),
    ("programs:program_transition", "post", "program", POST_REDIRECT),
    ("programs:rotation_create", "get", "program", OWN_OBJECT),
    ("programs:rotation_update", "get", "site", OWN_OBJECT),
    ("programs:rotation_delete", "get", "site", OWN_OBJECT),
    ("catalog:list", "get", "none", PUBLIC),
    ("catalog:detail", "get", "published", PUBLIC),
    ("catalog:detail", "get", "program", HIDDEN),
    ("catalog:detail", "get", "closed", HIDDEN),
]


@pytest.fixture
def closed_program(organisation):
    return ProgramFactory(organisation=organisation, status=Program.Status.CLOSED)


def url_for(name, args_kind, request):
    if args_kind == "none":
        return reverse(name)
    if args_kind == "site":
        program = request.getfixturevalue("publishable_program")
        site = program.rotation_sites.get()
        return reverse(name, args=[program.pk, site.pk])
    fixture = {
        "program": "publishable_program",
        "published": "published_program",
        "closed": "closed_program",
    }[args_kind]
    return reverse(name, args=[request.getfixturevalue(fixture).pk])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "args_kind", "expected"),
    CASES,
    ids=[f"{case[0]}-{case[2]}" for case in CASES],
)
def test_persona_gets_the_expected_status(
    db, request, client, client_for, persona, name, method, args_kind, expected
):
    url = url_for(name, args_kind, request)
    if persona != "anonymous":
        client = client_for(request.getfixturevalue(persona))
    response = getattr(client, method)(url, {"to": "published"} if method == "post" else {})
    assert response.status_code == expected[persona]


def test_anonymous_visitor_is_sent_to_sign_in(client, publishable_program):
    url = reverse("programs:program_detail", args=[publishable_program.pk])
    response = client.get(url)
    assert response.url.startswith(reverse("account_login"))


def test_foreign_program_request_is_logged(client_for, other_coordinator, draft_program, caplog):
    url = reverse("programs:program_detail", args=[draft_program.pk])
    client_for(other_coordinator).get(url)
    assert "404 foreign program" in caplog.text
