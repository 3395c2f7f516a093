"""Schedule grid, supervisor inbox, training plan, calendar feed, readiness dashboard."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from placements import services
from placements.models import CalendarFeed, Placement, SchedulePlan, TrainingPlan
from tests.factories import DocumentFactory, DocumentReviewFactory, UserFactory
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db
P = Placement.Status


def test_the_coordinator_sets_cells_and_sends_them_to_the_supervisor(
    client_for, coordinator, cohort, django_capture_on_commit_callbacks
):
    program = cohort["program"]
    application = shortlisted(program, name="Smirnov")
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    for week in range(4):
        client.post(
            url,
            {
                "action": "cell",
                "application": application.pk,
                "week": week,
                "site": cohort["sites"][0].pk,
            },
        )
    page = client.get(url).content.decode()
    assert "Smirnov" in page and "Send 1 planned placement to supervisors" in page
    assert "1 / 2" in page  # the site's load in each week
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "propose"})
    assert application.placements.get().status == P.PROPOSED
    assert mail.outbox[-1].to == [cohort["supervisors"][0].user.email]


def test_bad_cells_are_refused_with_a_message(client_for, coordinator, cohort, other_coordinator):
    program = cohort["program"]
    application = shortlisted(program)
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    response = client.post(
        url,
        {"action": "cell", "application": application.pk, "week": 9, "site": cohort["sites"][0].pk},
        follow=True,
    )
    assert "outside the program" in response.content.decode()
    response = client.post(
        url, {"action": "cell", "application": application.pk, "week": "x"}, follow=True
    )
    assert response.status_code == 200
    assert not Placement.objects.exists()


def test_the_grid_costs_the_same_queries_for_2_and_50_trainees(client_for, coordinator, cohort):
    program = cohort["program"]
    for site in cohort["sites"]:
        site.capacity = 60
        site.save()
        site.department.capacity = 60
        site.department.save()
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])

    def add(n, offset):
        for i in range(n):
            application = shortlisted(program, name=f"T{offset + i}")
            Placement.objects.create(
                application=application,
                rotation_site=cohort["sites"][i % 2],
                department=cohort["sites"][i % 2].department,
                start_date=program.start_date,
                end_date=program.end_date,
            )

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(48, 2)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_supervisor_sees_only_their_requests_and_approves_in_bulk(
    client_for, coordinator, cohort
):
    program = cohort["program"]
    mine = []
    for n in range(2):
        application = shortlisted(program, name=f"Mine{n}")
        mine.append(
            services.placement_create(
                application=application,
                department=cohort["sites"][0].department,
                start=program.start_date,
                end=program.end_date,
                by=coordinator,
                site=cohort["sites"][0],
            )
        )
    other = services.placement_create(
        application=shortlisted(program, name="Other"),
        department=cohort["sites"][1].department,
        start=program.start_date,
        end=program.end_date,
        by=coordinator,
        site=cohort["sites"][1],
    )
    services.propose_planned(program=program, by=coordinator)
    supervisor = cohort["supervisors"][0].user
    client = client_for(supervisor)
    page = client.get(reverse("placements:inbox")).content.decode()
    assert "Mine0" in page and "Mine1" in page and "Other" not in page
    client.post(reverse("placements:inbox"), {"selected": [p.pk for p in mine] + [other.pk]})
    assert set(
        Placement.objects.filter(pk__in=[p.pk for p in mine]).values_list("status", flat=True)
    ) == {P.APPROVED}
    other.refresh_from_db()
    assert other.status == P.PROPOSED  # not theirs: untouched


def test_decline_with_a_comment_from_the_inbox(client_for, coordinator, cohort):
    program = cohort["program"]
    placement = services.placement_create(
        application=shortlisted(program),
        department=cohort["sites"][0].department,
        start=program.start_date,
        end=program.end_date,
        by=coordinator,
        site=cohort["sites"][0],
    )
    services.propose_planned(program=program, by=coordinator)
    client = client_for(cohort["supervisors"][0].user)
    url = reverse("placements:decide", args=[placement.pk])
    response = client.post(url, {"decision": "decline", "comment": ""}, follow=True)
    assert "Say why" in response.content.decode()
    client.post(url, {"decision": "decline", "comment": "I am at a congress that month."})
    placement.refresh_from_db()
    assert (placement.status, placement.comment) == (P.DECLINED, "I am at a congress that month.")


def test_the_supervisor_writes_a_plan_and_the_trainee_sees_it_once_shared(
    client_for, coordinator, cohort, django_capture_on_commit_callbacks
):
    program = cohort["program"]
    application = shortlisted(program)
    placement = services.placement_create(
        application=application,
        department=cohort["sites"][0].department,
        start=program.start_date,
        end=program.end_date,
        by=coordinator,
        site=cohort["sites"][0],
    )
    services.propose_planned(program=program, by=coordinator)
    supervisor = cohort["supervisors"][0].user
    url = reverse("placements:plan", args=[placement.pk])
    data = {
        "summary": "Spine surgery basics.",
        "activities-TOTAL_FORMS": "2",
        "activities-INITIAL_FORMS": "0",
        "activities-0-week": "1",
        "activities-0-kind": "ward_round",
        "activities-0-description": "Morning rounds, 7:30",
        "activities-1-week": "2",
        "activities-1-kind": "surgery",
        "activities-1-description": "Assist in lumbar fusion",
    }
    client_for(supervisor).post(url, {**data, "save": "1"})
    assert client_for(application.trainee).get(url).status_code == 404  # a draft
    with django_capture_on_commit_callbacks(execute=True):
        published = client_for(supervisor).post(url, {**data, "publish": "1"})
    assert published.status_code == 302, published.content.decode()[-3000:]
    response = client_for(application.trainee).get(url)
    page = response.content.decode()
    assert "Assist in lumbar fusion" in page, (
        response.status_code,
        page[page.find("<main") : page.find("</main>")],
    )
    assert mail.outbox[-1].to == [application.trainee.email]
    bad = client_for(supervisor).post(url, {**data, "activities-1-week": "9"})
    assert "Weeks run from 1 to 4" in bad.content.decode()
    assert TrainingPlan.objects.get().activities.count() == 2


def test_the_calendar_feed_lists_placements_and_a_reset_kills_the_old_address(
    client, client_for, coordinator, cohort
):
    program = cohort["program"]
    application = shortlisted(program)
    placement = services.placement_create(
        application=application,
        department=cohort["sites"][0].department,
        start=program.start_date,
        end=program.end_date,
        by=coordinator,
        site=cohort["sites"][0],
    )
    services.propose_planned(program=program, by=coordinator)
    trainee_client = client_for(application.trainee)
    trainee_client.get(reverse("placements:mine"))
    token = CalendarFeed.objects.get(user=application.trainee).token
    response = client.get(reverse("placements:feed", args=[token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and placement.department.hospital.name in body
    assert f"DTSTART;VALUE=DATE:{placement.start_date:%Y%m%d}" in body
    supervisor_client = client_for(cohort["supervisors"][0].user)
    supervisor_client.get(reverse("placements:inbox"))
    supervisor_token = CalendarFeed.objects.get(user=cohort["supervisors"][0].user).token
    assert (
        application.trainee.last_name
        in client.get(reverse("placements:feed", args=[supervisor_token])).content.decode()
    )
    client_for(application.trainee).post(reverse("placements:feed_reset"))
    assert client.get(reverse("placements:feed", args=[token])).status_code == 404


def test_readiness_shows_each_item_late_flags_and_counts(client_for, coordinator, cohort):
    program = cohort["program"]
    program.application_opens = timezone.localdate() - timedelta(days=30)
    program.application_closes = timezone.localdate() - timedelta(days=1)
    program.start_date = timezone.localdate() + timedelta(days=30)
    program.end_date = program.start_date + timedelta(days=27)
    program.required_documents = ["passport"]
    program.save()
    ready = shortlisted(program, name="Ready")
    Application.objects.filter(pk=ready.pk).update(status="accepted")
    DocumentReviewFactory(
        document=DocumentFactory(owner=ready.trainee), organisation=program.organisation
    )
    late = shortlisted(program, name="Late")
    Application.objects.filter(pk=late.pk).update(status="accepted")
    page = client_for(coordinator).get(reverse("dashboards:readiness", args=[program.pk]))
    body = page.content.decode()
    assert "1 of 2" in body  # documents verified
    assert "not yet available" not in body  # visa, arrival and pickup are live (issue 14)
    rows = {row.application.trainee.last_name: row for row in page.context["rows"]}
    items = {item.key: item for item in rows["Late"].items}
    assert items["documents"].done is False and items["documents"].late  # 30 days < 60
    assert {item.key: item.done for item in rows["Ready"].items}["documents"] is True
    only_late = client_for(coordinator).get(
        reverse("dashboards:readiness", args=[program.pk]), {"missing": "documents"}
    )
    assert [r.application.trainee.last_name for r in only_late.context["rows"]] == ["Late"]


def test_readiness_costs_the_same_queries_for_2_and_200_trainees_shown_50_a_page(
    client_for, coordinator, cohort
):
    program = cohort["program"]
    client = client_for(coordinator)
    url = reverse("dashboards:readiness", args=[program.pk])

    def add(n, offset):
        for i in range(n):
            application = shortlisted(program, name=f"R{offset + i}")
            Application.objects.filter(pk=application.pk).update(status="accepted")
            DocumentFactory(owner=application.trainee)
            placement = Placement.objects.create(
                application=application,
                department=cohort["sites"][0].department,
                start_date=program.start_date,
                end_date=program.end_date,
                status=P.APPROVED,
                supervisor=cohort["supervisors"][0],
            )
            TrainingPlan.objects.create(placement=placement, published_at=timezone.now())

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(198, 2)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many) == len(few)
    # 50 trainees a page; the counts cover all 200 (approved supervisors, shared plans)
    assert len(page.context["rows"]) == 50
    done = {column["key"]: column["done"] for column in page.context["columns"]}
    assert done["offer"] == done["supervisors"] == done["plan"] == 200
    assert done["documents"] == 0  # uploaded, not verified
    assert len(client.get(url, {"page": 4}).context["rows"]) == 50
    assert "Page 4 of 4" in client.get(url, {"page": 9}).content.decode()


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_the_export_is_made_in_the_background_and_downloaded(
    client_for, coordinator, cohort, format_, django_capture_on_commit_callbacks
):
    program = cohort["program"]
    application = shortlisted(program, name="Смирнов")
    Application.objects.filter(pk=application.pk).update(status="accepted")
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dashboards:readiness_export", args=[program.pk]), {"format": format_}
        )
    status_url = response["Location"]
    progress = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Your file is ready." in progress and "hx-trigger" not in progress
    export_pk = int(status_url.rstrip("/").split("/")[-1])
    download = client.get(reverse("dashboards:export_download", args=[export_pk]))
    content = b"".join(download.streaming_content)
    if format_ == "csv":
        assert "Смирнов" in content.decode("utf-8-sig")
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(content)).active
        assert any("Смирнов" in str(cell.value) for row in sheet.iter_rows() for cell in row)
    other = client_for(UserFactory())
    assert other.get(reverse("dashboards:export_download", args=[export_pk])).status_code in (
        403,
        404,
    )


def test_the_trainee_sees_the_rotation_once_sent(client_for, coordinator, cohort):
    program = cohort["program"]
    application = shortlisted(program, name="Rot")
    client = client_for(application.trainee)
    services.placement_create(
        application=application,
        department=cohort["sites"][0].department,
        start=program.start_date,
        end=program.end_date,
        by=coordinator,
        site=cohort["sites"][0],
    )
    assert "No placement yet" in client.get(reverse("placements:mine")).content.decode()
    services.propose_planned(program=program, by=coordinator)
    page = client.get(reverse("placements:mine")).content.decode()
    assert cohort["sites"][0].department.hospital.name in page


def test_suggest_fills_the_empty_weeks_from_preferences_within_capacity(
    client_for, coordinator, cohort, django_capture_on_commit_callbacks
):
    program = cohort["program"]
    neuro, uro = cohort["sites"]
    wants_neuro = [shortlisted(program, name=f"N{n}", preferences=[neuro, uro]) for n in range(3)]
    wants_uro = shortlisted(program, name="U0", preferences=[uro])
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the task runs (eagerly)
        response = client.post(url, {"action": "suggest"})
    page = client.get(response["Location"]).content.decode()  # the job's page
    assert "The suggestion is ready: 16 week(s) to plan, 0 left empty." in page
    assert not Placement.objects.exists()  # computed, shown, not applied yet
    plan = SchedulePlan.objects.get()
    review = client.get(reverse("placements:plan_review", args=[plan.pk])).content.decode()
    assert "U0" in review and "Weeks 1–4" in review
    response = client.post(reverse("placements:plan_apply", args=[plan.pk]), follow=True)
    assert "Suggestion applied" in response.content.decode()
    assert not Placement.objects.exclude(status=P.PLANNED).exists()  # nothing sent yet
    weeks = services.weeks(program)
    for week in weeks:
        at_neuro = Placement.objects.filter(
            rotation_site=neuro, start_date__lte=week.end, end_date__gte=week.start
        ).count()
        assert at_neuro <= neuro.capacity
    # Everybody is placed every week (4 trainees, 4 places a week).
    cells = services.schedule_cells(program)
    assert len(cells) == 4 * len(weeks)
    assert all(cells[(wants_uro.pk, w.index)].rotation_site == uro for w in weeks)
    assert sum(
        1 for a in wants_neuro for w in weeks if cells[(a.pk, w.index)].rotation_site == neuro
    ) == 2 * len(weeks)


def test_a_fellowship_is_one_placement_with_the_chosen_supervisor(client_for, coordinator, cohort):
    from programs.models import Program

    program = cohort["program"]
    Program.objects.filter(pk=program.pk).update(kind=Program.Kind.FELLOWSHIP)
    program.refresh_from_db()
    application = shortlisted(program, name="Wei")
    supervisor = cohort["supervisors"][1]
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[program.pk])
    assert supervisor.user.display_name in client.get(url).content.decode()
    client.post(
        url, {"action": "fellowship", "application": application.pk, "supervisor": supervisor.pk}
    )
    (placement,) = application.placements.all()
    assert (placement.supervisor, placement.start_date, placement.end_date) == (
        supervisor,
        program.start_date,
        program.end_date,
    )


def test_the_inbox_links_the_documents_the_supervisor_may_see(client_for, coordinator, cohort):
    program = cohort["program"]
    application = shortlisted(program, name="Docs")
    passport = DocumentFactory(owner=application.trainee)
    cv = DocumentFactory(owner=application.trainee, type="cv")
    services.placement_create(
        application=application,
        department=cohort["sites"][0].department,
        start=program.start_date,
        end=program.end_date,
        by=coordinator,
        site=cohort["sites"][0],
    )
    services.propose_planned(program=program, by=coordinator)
    client = client_for(cohort["supervisors"][0].user)
    page = client.get(reverse("placements:inbox")).content.decode()
    # The program shows supervisors the CV (by default: CV, diploma, licence), not the passport.
    link = reverse("trainees:document_download", args=[cv.pk])
    assert link in page
    assert client.get(link).status_code == 200
    hidden = reverse("trainees:document_download", args=[passport.pk])
    assert hidden not in page
    assert client.get(hidden).status_code == 404
