"""Program status: draft → published → closed and back, only through program_transition."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from programs.models import Program, ProgramStatusChange
from programs.services import TransitionNotAllowed, program_transition

Status = Program.Status


def test_publishing_writes_one_history_row_and_sets_published_at(coordinator, publishable_program):
    program_transition(program=publishable_program, to=Status.PUBLISHED, by=coordinator)
    publishable_program.refresh_from_db()
    assert publishable_program.status == Status.PUBLISHED
    assert publishable_program.published_at is not None
    change = ProgramStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by) == ("draft", "published", coordinator)


def test_publish_is_refused_without_rotation_sites(coordinator, draft_program):
    with pytest.raises(TransitionNotAllowed, match="at least one rotation site"):
        program_transition(program=draft_program, to=Status.PUBLISHED, by=coordinator)
    draft_program.refresh_from_db()
    assert draft_program.status == Status.DRAFT
    assert not ProgramStatusChange.objects.exists()


def test_publish_refusal_lists_every_missing_item(coordinator, organisation):
    from tests.factories import ProgramFactory

    program = ProgramFactory(organisation=organisation)
    with pytest.raises(TransitionNotAllowed) as refused:
        program_transition(program=program, to=Status.PUBLISHED, by=coordinator)
    assert "at least one rotation site" in str(refused.value)
    assert "at least one specialty" in str(refused.value)


def test_draft_cannot_be_closed(coordinator, publishable_program):
    with pytest.raises(TransitionNotAllowed, match="A draft program cannot be moved to closed"):
        program_transition(program=publishable_program, to=Status.CLOSED, by=coordinator)


def test_unknown_status_is_refused_with_a_message(coordinator, publishable_program):
    with pytest.raises(TransitionNotAllowed, match="is not a program status"):
        program_transition(program=publishable_program, to="archived", by=coordinator)


def test_closed_program_can_be_reopened(coordinator, publishable_program):
    program_transition(program=publishable_program, to=Status.PUBLISHED, by=coordinator)
    program_transition(program=publishable_program, to=Status.CLOSED, by=coordinator)
    program_transition(program=publishable_program, to=Status.PUBLISHED, by=coordinator)
    assert publishable_program.status == Status.PUBLISHED
    assert ProgramStatusChange.objects.count() == 3


def test_published_program_can_be_unpublished(coordinator, publishable_program):
    program_transition(program=publishable_program, to=Status.PUBLISHED, by=coordinator)
    program_transition(program=publishable_program, to=Status.DRAFT, by=coordinator, reason="typo")
    publishable_program.refresh_from_db()
    assert publishable_program.status == Status.DRAFT
    assert ProgramStatusChange.objects.filter(reason="typo").exists()


def test_stale_copy_cannot_transition_twice(coordinator, publishable_program):
    stale = Program.objects.get(pk=publishable_program.pk)
    program_transition(program=publishable_program, to=Status.PUBLISHED, by=coordinator)
    with pytest.raises(TransitionNotAllowed):
        program_transition(program=stale, to=Status.PUBLISHED, by=coordinator)
    assert ProgramStatusChange.objects.count() == 1


def test_coordinator_of_another_organisation_cannot_transition(
    other_coordinator, publishable_program
):
    with pytest.raises(PermissionDenied):
        program_transition(program=publishable_program, to=Status.PUBLISHED, by=other_coordinator)


def test_publish_button_publishes_the_program(client_for, coordinator, publishable_program):
    url = reverse("programs:program_transition", args=[publishable_program.pk])
    response = client_for(coordinator).post(url, {"to": "published"}, follow=True)
    assert b"The program is now Published." in response.content
    publishable_program.refresh_from_db()
    assert publishable_program.status == Status.PUBLISHED


def test_double_post_writes_one_history_row(client_for, coordinator, publishable_program):
    client = client_for(coordinator)
    url = reverse("programs:program_transition", args=[publishable_program.pk])
    client.post(url, {"to": "published"})
    response = client.post(url, {"to": "published"}, follow=True)
    assert ProgramStatusChange.objects.count() == 1
    assert b"A published program cannot be moved to published." in response.content


def test_refused_publish_shows_what_is_missing(client_for, coordinator, draft_program):
    url = reverse("programs:program_transition", args=[draft_program.pk])
    response = client_for(coordinator).post(url, {"to": "published"}, follow=True)
    assert b"It still needs: at least one rotation site." in response.content


def test_transition_url_rejects_get(client_for, coordinator, publishable_program):
    url = reverse("programs:program_transition", args=[publishable_program.pk])
    assert client_for(coordinator).get(url).status_code == 405
    assert not ProgramStatusChange.objects.exists()


def test_detail_page_offers_publish_for_a_draft(client_for, coordinator, publishable_program):
    url = reverse("programs:program_detail", args=[publishable_program.pk])
    response = client_for(coordinator).get(url)
    assert b'value="published"' in response.content
    assert b"Close applications" not in response.content


def test_detail_page_offers_close_and_unpublish_when_published(
    client_for, coordinator, published_program
):
    url = reverse("programs:program_detail", args=[published_program.pk])
    response = client_for(coordinator).get(url)
    assert b"Close applications" in response.content
    assert b"Unpublish" in response.content
