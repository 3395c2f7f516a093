"""The coordinator's program list and deleting drafts."""

from django.urls import reverse

from programs.models import Program
from tests.factories import ProgramFactory

LIST_URL = reverse("programs:program_list")


def titles(response):
    return [program.title for program in response.context["programs"]]


def test_empty_list_invites_to_create_the_first_program(client_for, coordinator):
    response = client_for(coordinator).get(LIST_URL)
    assert "No programs yet — create the first one" in response.content.decode()


def test_list_shows_only_own_organisation(client_for, coordinator, draft_program, other_program):
    assert titles(client_for(coordinator).get(LIST_URL)) == [draft_program.title]


def test_list_shows_status_badge_with_text(client_for, coordinator, draft_program):
    content = client_for(coordinator).get(LIST_URL).content.decode()
    assert 'class="badge rounded-pill badge-status-draft">Draft<' in content


def test_search_by_title(client_for, coordinator, organisation):
    ProgramFactory(organisation=organisation, title="Spine fellowship")
    ProgramFactory(organisation=organisation, title="Cardiac observership")
    assert titles(client_for(coordinator).get(LIST_URL, {"q": "spine"})) == ["Spine fellowship"]


def test_filter_by_status_and_kind(client_for, coordinator, organisation):
    ProgramFactory(organisation=organisation, title="Draft one")
    ProgramFactory(
        organisation=organisation,
        title="Closed fellowship",
        status=Program.Status.CLOSED,
        kind=Program.Kind.FELLOWSHIP,
    )
    client = client_for(coordinator)
    assert titles(client.get(LIST_URL, {"status": "closed"})) == ["Closed fellowship"]
    assert titles(client.get(LIST_URL, {"kind": "fellowship"})) == ["Closed fellowship"]


def test_sort_by_title_descending(client_for, coordinator, organisation):
    for title in ("Beta", "Alpha", "Gamma"):
        ProgramFactory(organisation=organisation, title=title)
    response = client_for(coordinator).get(LIST_URL, {"ordering": "-title"})
    assert titles(response) == ["Gamma", "Beta", "Alpha"]


def test_list_paginates_with_a_total(client_for, coordinator, organisation):
    ProgramFactory.create_batch(21, organisation=organisation)
    response = client_for(coordinator).get(LIST_URL, {"page": "abc"})
    assert len(response.context["programs"]) == 20
    assert "21 results" in response.content.decode()


def test_draft_is_deleted_after_confirmation(client_for, coordinator, draft_program):
    url = reverse("programs:program_delete", args=[draft_program.pk])
    client = client_for(coordinator)
    assert "This cannot be undone." in client.get(url).content.decode()
    response = client.post(url)
    assert response.url == LIST_URL
    assert not Program.objects.exists()


def test_published_program_cannot_be_deleted(client_for, coordinator, published_program):
    url = reverse("programs:program_delete", args=[published_program.pk])
    response = client_for(coordinator).post(url, follow=True)
    assert Program.objects.filter(pk=published_program.pk).exists()
    assert "Only draft programs can be deleted" in response.content.decode()


def test_detail_lists_rotation_sites_and_history(client_for, coordinator, published_program):
    url = reverse("programs:program_detail", args=[published_program.pk])
    content = client_for(coordinator).get(url).content.decode()
    assert "Myongji Hospital (명지병원)" in content
    assert "Status history" in content
