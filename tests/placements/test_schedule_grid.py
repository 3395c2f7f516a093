"""The schedule grid a page at a time: cells as text, edited in place with htmx, a plain
per-trainee form without JavaScript, paging and search; the same queries and about the same
bytes whatever the number of trainees."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Application
from placements import grid, services
from placements.models import Placement
from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
)
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _cell_url(application, week):
    return reverse("placements:schedule_cell", args=[application.program_id, application.pk, week])


def _trainee_url(application):
    return reverse("placements:schedule_trainee", args=[application.program_id, application.pk])


def _roomy(cohort, room=200):
    for site in cohort["sites"]:
        site.capacity = room
        site.save()
        site.department.capacity = room
        site.department.save()
    for supervisor in cohort["supervisors"]:
        supervisor.max_trainees = room
        supervisor.save()


def _placed(program, site, count, offset):
    for i in range(count):
        application = shortlisted(program, name=f"Trainee{offset + i:03d}")
        Placement.objects.create(
            application=application,
            rotation_site=site,
            department=site.department,
            start_date=program.start_date,
            end_date=program.start_date + timedelta(days=13),
        )


def test_the_grid_costs_the_same_queries_and_bytes_for_10_and_60_trainees(
    client_for, coordinator, cohort, monkeypatch
):
    monkeypatch.setattr(grid, "PAGE_SIZE", 5)
    program, (neuro, uro) = cohort["program"], cohort["sites"]
    _roomy(cohort)
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    _placed(program, neuro, 5, 0)
    _placed(program, uro, 5, 5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    _placed(program, neuro, 25, 10)
    _placed(program, uro, 25, 35)
    with CaptureQueriesContext(connection) as many:
        large = client.get(url)
    assert len(many) == len(few)
    assert small.content.count(b"schedule-edit") == large.content.count(b"schedule-edit") == 5 * 4
    # Only the totals differ ("Page 1 of 2" / "Page 1 of 12", the sites' load).
    assert abs(len(large.content) - len(small.content)) < 200
    assert b'name="site"' not in large.content  # no form in any cell


def test_the_grid_costs_the_same_queries_for_5_and_50_trainees_a_page(
    client_for, coordinator, cohort, monkeypatch
):
    program, (neuro, uro) = cohort["program"], cohort["sites"]
    _roomy(cohort)
    _placed(program, neuro, 25, 0)
    _placed(program, uro, 25, 25)
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    client.get(url)
    counts = []
    for size in (5, 50):
        monkeypatch.setattr(grid, "PAGE_SIZE", size)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.content.count(b"schedule-edit") == size * 4
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_cells_show_the_site_as_a_link_named_for_the_trainee_and_week(
    client_for, coordinator, cohort
):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program, name="Smirnov")
    services.schedule_set_week(application=application, week_index=1, site=neuro, by=coordinator)
    page = client_for(coordinator).get(reverse("placements:schedule", args=[program.pk]))
    html = page.content.decode()
    assert f'href="{_trainee_url(application)}#week-1"' in html
    assert f'hx-get="{_cell_url(application, 1)}"' in html
    assert f"{application.trainee.display_name}, week 2:" in html
    assert neuro.department.hospital.name in html
    assert "not planned, choose a site" in html  # the empty weeks
    assert f'href="{_trainee_url(application)}"' in html  # the row's "All weeks"


def test_the_grid_is_paged_and_searched_by_name_in_any_script(
    client_for, coordinator, cohort, monkeypatch
):
    monkeypatch.setattr(grid, "PAGE_SIZE", 3)
    program = cohort["program"]
    for n in range(5):
        shortlisted(program, name=f"Petrov{n}")
    kim = shortlisted(program, name="Kim")
    kim.trainee.native_name = "김민지"
    kim.trainee.save()
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Kim" in first and "Petrov0" in first and "Petrov4" not in first
    assert "Petrov4" in second and "Kim" not in second
    assert "Page 1 of 2" in first and "6 results" in first
    found = client.get(url, {"q": "민지"}).content.decode()
    assert "Kim" in found and "Petrov0" not in found and "1 result" in found
    nobody = client.get(url, {"q": "Nobody"}).content.decode()
    assert "Nobody to place matches" in nobody


def test_the_cell_editor_lists_only_the_sites_open_that_week_wishes_first(
    client_for, coordinator, cohort
):
    program, (neuro, uro) = cohort["program"], cohort["sites"]
    RotationSiteFactory(
        program=program,
        department=DepartmentFactory(
            hospital=HospitalFactory(organisation=program.organisation, name="Ajou Hospital"),
            name="Cardiology",
        ),
        start_date=program.start_date,
        end_date=program.start_date + timedelta(days=6),
    )
    application = shortlisted(program, preferences=[uro, neuro])
    client = client_for(coordinator)
    week_0 = client.get(_cell_url(application, 0), **HTMX).content.decode()
    week_3 = client.get(_cell_url(application, 3), **HTMX).content.decode()
    assert "Ajou Hospital" in week_0 and "Ajou Hospital" not in week_3
    preferred = week_3.split("Preferred by the trainee")[1].split("</optgroup>")[0]
    assert preferred.index("Bucheon St. Mary") < preferred.index("Myongji Hospital")
    assert "0 of 2 taken" in week_3
    assert f'<label class="form-label small mb-1" for="site-{application.pk}-3">' in week_3
    assert "<html" not in week_3  # a fragment, not a page


def test_saving_a_cell_answers_with_the_cell_and_the_sites_new_load(
    client_for, coordinator, cohort
):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program, name="Smirnov")
    response = client_for(coordinator).post(_cell_url(application, 2), {"site": neuro.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert neuro.department.hospital.name in html and "autofocus" in html
    assert f'id="load-{neuro.pk}-2" hx-swap-oob="true"' in html and "1 / 2" in html
    placement = application.placements.get()
    week = services.weeks(program)[2]
    assert (placement.start_date, placement.end_date, placement.status) == (
        week.start,
        week.end,
        Placement.Status.PLANNED,
    )


def test_emptying_a_cell_removes_the_week(client_for, coordinator, cohort):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program)
    services.schedule_set_week(application=application, week_index=0, site=neuro, by=coordinator)
    response = client_for(coordinator).post(_cell_url(application, 0), {"site": ""}, **HTMX)
    assert "not planned, choose a site" in response.content.decode()
    assert not application.placements.exists()


def test_a_refused_cell_shows_the_refusal_in_the_editor(client_for, coordinator, cohort):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    for n in range(2):  # the site is full in week 0
        services.schedule_set_week(
            application=shortlisted(program, name=f"Full{n}"),
            week_index=0,
            site=neuro,
            by=coordinator,
        )
    application = shortlisted(program, name="Late")
    response = client_for(coordinator).post(_cell_url(application, 0), {"site": neuro.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert "<select" in html  # the editor again, to choose another site
    assert not application.placements.exists()


def test_a_site_of_another_program_or_garbage_is_refused_in_the_cell(
    client_for, coordinator, cohort
):
    program = cohort["program"]
    application = shortlisted(program)
    foreign = RotationSiteFactory()
    client = client_for(coordinator)
    for value in (foreign.pk, "x"):
        response = client.post(_cell_url(application, 0), {"site": value}, **HTMX)
        assert "Choose a rotation site of this program." in response.content.decode()
    assert not Placement.objects.exists()


def test_only_the_programs_coordinators_open_or_change_its_cells(
    client_for, coordinator, other_coordinator, trainee, cohort
):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program)
    client = client_for(other_coordinator)
    assert client.get(_cell_url(application, 0), **HTMX).status_code == 404
    assert client.post(_cell_url(application, 0), {"site": neuro.pk}, **HTMX).status_code == 404
    assert client.get(_trainee_url(application)).status_code == 404
    assert client.post(_trainee_url(application), {"week_0": neuro.pk}).status_code == 404
    client = client_for(trainee)
    assert client.post(_cell_url(application, 0), {"site": neuro.pk}, **HTMX).status_code == 403
    assert client.post(_trainee_url(application), {"week_0": neuro.pk}).status_code == 403
    assert not Placement.objects.exists()
    client = client_for(coordinator)
    assert client.get(_cell_url(application, 4), **HTMX).status_code == 404  # no week 5
    elsewhere = shortlisted(PublishedProgramFactory(organisation=program.organisation))
    wrong = reverse("placements:schedule_cell", args=[program.pk, elsewhere.pk, 0])
    assert client.get(wrong, **HTMX).status_code == 404  # an application of another program


def test_without_javascript_a_cell_leads_to_the_trainees_weeks(client_for, coordinator, cohort):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program)
    client = client_for(coordinator)
    response = client.get(_cell_url(application, 2))
    assert response.status_code == 302
    assert response["Location"] == f"{_trainee_url(application)}#week-2"
    response = client.post(_cell_url(application, 2), {"site": neuro.pk}, follow=True)
    assert "The schedule is updated." in response.content.decode()
    assert application.placements.count() == 1


def test_the_trainee_page_saves_the_weeks_that_changed(client_for, coordinator, cohort):
    program, (neuro, uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program, name="Smirnov")
    client = client_for(coordinator)
    page = client.get(_trainee_url(application)).content.decode()
    assert page.count('<select name="week_') == 4 and 'id="week-3"' in page
    response = client.post(
        _trainee_url(application),
        {"week_0": neuro.pk, "week_1": neuro.pk, "week_2": uro.pk, "week_3": ""},
        follow=True,
    )
    assert "3 weeks are saved." in response.content.decode()
    placements = list(application.placements.order_by("start_date"))
    assert [p.rotation_site for p in placements] == [neuro, uro]
    assert placements[0].end_date - placements[0].start_date == timedelta(days=13)


def test_the_trainee_page_shows_each_refusal_next_to_its_week_and_keeps_the_others(
    client_for, coordinator, cohort
):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    for n in range(2):  # the site is full in week 2
        services.schedule_set_week(
            application=shortlisted(program, name=f"Full{n}"),
            week_index=1,
            site=neuro,
            by=coordinator,
        )
    application = shortlisted(program, name="Late")
    response = client_for(coordinator).post(
        _trainee_url(application), {"week_0": neuro.pk, "week_1": neuro.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some weeks could not be saved" in html
    assert 'id="id_week_1-error"' in html and 'aria-describedby="id_week_1-error"' in html
    assert f'<option value="{neuro.pk}" selected' in html.split('id="week-1"')[1]  # kept
    assert application.placements.count() == 1  # week 1 saved, week 2 refused


def test_a_sent_week_is_text_on_the_trainee_page_and_cannot_be_posted(
    client_for, coordinator, cohort
):
    program, (neuro, uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program)
    services.schedule_set_week(application=application, week_index=0, site=neuro, by=coordinator)
    services.propose_planned(program=program, by=coordinator)
    client = client_for(coordinator)
    page = client.get(_trainee_url(application)).content.decode()
    assert page.count('<select name="week_') == 3 and "Waiting for the supervisor" in page
    client.post(_trainee_url(application), {"week_0": uro.pk})
    assert application.placements.get().rotation_site == neuro
    grid_page = client.get(reverse("placements:schedule", args=[program.pk])).content.decode()
    assert f'hx-get="{_cell_url(application, 0)}"' not in grid_page  # not editable in place


def test_a_withdrawn_applicant_is_refused_on_the_trainee_page(client_for, coordinator, cohort):
    program, (neuro, _uro) = cohort["program"], cohort["sites"]
    application = shortlisted(program)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WITHDRAWN)
    response = client_for(coordinator).post(_trainee_url(application), {"week_0": neuro.pk})
    assert (
        response.status_code == 200 and "Some weeks could not be saved" in response.content.decode()
    )
    assert not Placement.objects.exists()


def test_a_fellowship_lists_supervisors_for_the_trainees_on_the_page_only(
    client_for, coordinator, cohort, monkeypatch
):
    from programs.models import Program

    monkeypatch.setattr(grid, "PAGE_SIZE", 2)
    program = cohort["program"]
    Program.objects.filter(pk=program.pk).update(kind=Program.Kind.FELLOWSHIP)
    for n in range(4):
        shortlisted(program, name=f"Fellow{n}")
    page = client_for(coordinator).get(reverse("placements:schedule", args=[program.pk]))
    assert page.content.decode().count('name="supervisor"') == 2
