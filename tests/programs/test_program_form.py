"""Creating and editing programs: every broken rule is shown next to its field and nothing
is saved."""

import pytest
from django.urls import reverse

from programs.models import Program

CREATE_URL = reverse("programs:program_create")


def post_program(client_for, coordinator, data):
    return client_for(coordinator).post(CREATE_URL, data)


def test_valid_program_is_saved_as_a_draft_of_the_coordinators_organisation(
    client_for, coordinator, program_data, specialty
):
    response = post_program(client_for, coordinator, program_data)
    program = Program.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("programs:program_detail", args=[program.pk])
    assert program.organisation == coordinator.coordinator_of
    assert program.status == Program.Status.DRAFT
    assert program.required_documents == ["passport", "diploma"]
    assert list(program.specialties.all()) == [specialty]
    assert program.currency == "USD"
    assert program.covers_housing


def test_form_uses_native_date_inputs(client_for, coordinator):
    response = client_for(coordinator).get(CREATE_URL)
    assert response.content.count(b'type="date"') == 4


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"end_date": "2031-05-01"}, "end_date", id="end-before-start"),
        pytest.param(
            {"application_closes": "2031-06-01"}, "application_closes", id="window-after-start"
        ),
        pytest.param(
            {"application_opens": "2031-04-01"}, "application_closes", id="closes-before-opens"
        ),
        pytest.param({"fee": "-1"}, "fee", id="negative-fee"),
        pytest.param({"seats": "0"}, "seats", id="no-seats"),
        pytest.param({"currency": "U$"}, "currency", id="bad-currency"),
    ],
)
def test_broken_rule_gives_a_field_error_and_saves_nothing(
    client_for, coordinator, program_data, overrides, field
):
    response = post_program(client_for, coordinator, {**program_data, **overrides})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Program.objects.exists()


def test_form_keeps_what_the_user_typed_after_an_error(client_for, coordinator, program_data):
    response = post_program(client_for, coordinator, {**program_data, "end_date": "2031-05-01"})
    assert b"Advanced spine surgery" in response.content
    assert b"The program cannot end before it starts." in response.content


def test_edit_changes_the_program(client_for, coordinator, draft_program, program_data):
    url = reverse("programs:program_update", args=[draft_program.pk])
    response = client_for(coordinator).post(url, {**program_data, "title": "Renamed"})
    assert response.status_code == 302
    draft_program.refresh_from_db()
    assert draft_program.title == "Renamed"


def test_edit_with_window_after_start_changes_nothing(
    client_for, coordinator, draft_program, program_data
):
    url = reverse("programs:program_update", args=[draft_program.pk])
    data = {**program_data, "title": "Renamed", "application_closes": "2031-07-01"}
    response = client_for(coordinator).post(url, data)
    assert response.context["form"].errors["application_closes"]
    draft_program.refresh_from_db()
    assert draft_program.title != "Renamed"
