import pytest


def test_anonymous_home_renders_with_navigation(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skip to main content" in response.content


def test_debug_banner_shows_only_when_debug_is_on(client, db, settings):
    settings.DEBUG = True
    assert b"Development mode" in client.get("/").content
    settings.DEBUG = False
    assert b"Development mode" not in client.get("/").content


def test_coordinator_lands_on_coordinator_home(client_for, coordinator):
    response = client_for(coordinator).get("/")
    assert response.status_code == 200
    assert "dashboards/home_coordinator.html" in [t.name for t in response.templates]


def test_coordinator_home_counts_link_to_the_work(
    client_for, coordinator, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    from programs.models import Program
    from programs.services import program_transition
    from tests.factories import ProgramFactory, RotationSiteFactory

    org = coordinator.coordinator_of
    today = timezone.localdate()
    ProgramFactory(
        organisation=org, title="Draft soon", application_opens=today + timedelta(days=3)
    )
    site = RotationSiteFactory(program__organisation=org, program__title="Spine fellowship")
    published = site.program
    published.specialties.add(site.department.specialty)
    program_transition(program=published, to=Program.Status.PUBLISHED, by=coordinator)
    ProgramFactory(title="Someone else's program")

    client = client_for(coordinator)
    with django_assert_max_num_queries(20):
        response = client.get("/")
    page = response.content.decode()
    counts = response.context["counts"]
    assert counts["drafts"] == 1
    assert counts["published"] == 1
    assert "Spine fellowship" in page
    assert "Someone else" not in page
    assert "?status=draft" in page
    assert "should open for applications within two weeks" in page
    assert response.context["activity"][0].program == published


def test_supervisor_home_lists_departments_and_coming_rotations(client_for, supervisor, department):
    from programs.models import Program
    from tests.factories import PublishedProgramFactory, RotationSiteFactory

    program = PublishedProgramFactory(
        organisation=department.hospital.organisation, title="Gyeonggi 2027"
    )
    RotationSiteFactory(program=program, department=department)
    assert program.status == Program.Status.PUBLISHED
    response = client_for(supervisor).get("/")
    assert "dashboards/home_supervisor.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert department.name in page
    assert "Gyeonggi 2027" in page


def test_trainee_home_shows_checklist_and_open_programs(client_for, trainee):
    from tests.factories import PublishedProgramFactory

    PublishedProgramFactory(title="Open observership")
    trainee.first_name = ""
    trainee.save()
    response = client_for(trainee).get("/")
    page = response.content.decode()
    assert "Give your name as in your passport" in page
    assert response.context["missing"] == 4  # passport name, time zone, profile, passport
    assert "Open observership" in page


def test_trainee_home_lists_applications_and_the_unfinished_draft(client_for, trainee):
    from django.urls import reverse

    from applications.models import Application
    from tests.factories import PublishedProgramFactory

    draft = Application.objects.create(
        program=PublishedProgramFactory(title="Spine fellowship"), trainee=trainee
    )
    page = client_for(trainee).get("/").content.decode()
    assert "Finish and submit your application to Spine fellowship" in page
    assert reverse("applications:edit", args=[draft.pk]) in page


@pytest.mark.parametrize(
    ("language", "word"),
    [("ko", "프로그램"), ("ru", "Программы"), ("zh-hans", "项目"), ("de", "Programme")],
)
def test_pages_come_in_the_chosen_language(client, db, language, word):
    client.cookies["django_language"] = language
    page = client.get("/programs/").content.decode()
    assert f'<html lang="{language}">' in page
    assert word in page


def test_a_signed_in_users_saved_language_wins(client_for, trainee):
    trainee.language = "ru"
    trainee.save()
    page = client_for(trainee).get("/").content.decode()
    assert '<html lang="ru">' in page
