"""The visa: a record per application with its history, edited by the trainee and the
program's coordinators only; lead times per host country and nationality; late flags from the
host's today; reminders through the outbox."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notifications.models import Notification
from notifications.reminders import run_reminders
from tests.factories import CoordinatorFactory, UserFactory
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, UTC_DAY
from tests.travel.conftest import accepted, move_start
from travel import services
from travel.models import Visa, VisaChange, VisaLeadTime
from travel.selectors import all_lead_times, travel_state

pytestmark = pytest.mark.django_db


def _post(client, application, **data):
    return client.post(reverse("travel:visa_edit", args=[application.pk]), data)


def test_trainee_and_coordinator_edit_the_visa_and_each_change_is_in_the_history(
    client_for, application, trainee, coordinator
):
    day = application.program.start_date - timedelta(days=50)
    response = _post(
        client_for(trainee), application, status="appointment", appointment_on=day.isoformat()
    )
    assert response.status_code == 302
    response = _post(
        client_for(coordinator),
        application,
        status="granted",
        valid_from=application.program.start_date.isoformat(),
        valid_until=application.program.end_date.isoformat(),
    )
    assert response.status_code == 302
    visa = Visa.objects.get(application=application)
    assert visa.status == "granted" and visa.appointment_on is None
    history = list(VisaChange.objects.filter(visa=visa).order_by("at", "pk"))
    assert [(c.from_status, c.to_status, c.by) for c in history] == [
        ("", "appointment", trainee),
        ("appointment", "granted", coordinator),
    ]
    page = client_for(trainee).get(reverse("travel:detail", args=[application.pk]))
    assert "Appointment booked → Granted" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "appointment"}, "appointment_on"),
        ({"status": "granted", "valid_from": "2030-05-01"}, "valid_until"),
        (
            {"status": "granted", "valid_from": "2030-05-02", "valid_until": "2030-05-01"},
            "valid_until",
        ),
        ({"status": "refused", "refusal_reason": "  "}, "refusal_reason"),
    ],
)
def test_missing_details_are_field_errors_and_nothing_is_saved(
    client_for, application, trainee, data, field
):
    response = _post(client_for(trainee), application, **data)
    assert response.status_code == 400
    assert response.context["visa_form"].errors[field]
    assert not Visa.objects.exists()


@pytest.mark.parametrize("who", ["other_trainee", "other_coordinator", "supervisor"])
def test_strangers_neither_see_nor_edit_the_visa(client_for, application, who, supervisor):
    person = {
        "other_trainee": lambda: UserFactory(),
        "other_coordinator": lambda: CoordinatorFactory(),
        "supervisor": lambda: supervisor,
    }[who]()
    client = client_for(person)
    assert client.get(reverse("travel:detail", args=[application.pk])).status_code == 404
    response = _post(client, application, status="refused", refusal_reason="x")
    assert response.status_code == 404
    assert not Visa.objects.exists()


def test_the_service_refuses_someone_else_and_an_application_not_accepted(application):
    with pytest.raises(PermissionDenied):
        services.visa_save(application=application, by=UserFactory(), data={"status": "preparing"})
    application.status = "offered"
    application.save()
    with pytest.raises(ValidationError):
        services.visa_save(
            application=application, by=application.trainee, data={"status": "preparing"}
        )


def _late(application, today):
    application.refresh_from_db()
    return travel_state(application, today=today, leads=all_lead_times()).visa_late


def test_late_when_the_start_is_nearer_than_lead_time_plus_margin(application):
    VisaLeadTime.objects.create(host_country="KR", nationality="RU", days=30, margin_days=14)
    start = application.program.start_date
    assert not _late(application, start - timedelta(days=44))
    assert _late(application, start - timedelta(days=43))
    # A nationality without a row: 60 days + 14 by default.
    VisaLeadTime.objects.all().delete()
    assert _late(application, start - timedelta(days=73))
    assert not _late(application, start - timedelta(days=74))


def test_an_appointment_booked_too_close_to_the_start_is_late_already(application, trainee):
    VisaLeadTime.objects.create(host_country="KR", nationality="RU", days=30, margin_days=14)
    start = application.program.start_date
    today = start - timedelta(days=100)
    services.visa_save(
        application=application,
        by=trainee,
        data={"status": "appointment", "appointment_on": start - timedelta(days=20)},
    )
    assert _late(application, today)
    services.visa_save(
        application=application,
        by=trainee,
        data={"status": "appointment", "appointment_on": start - timedelta(days=60)},
    )
    assert not _late(application, today)
    services.visa_save(
        application=application,
        by=trainee,
        data={"status": "granted", "valid_from": start, "valid_until": start},
    )
    assert not _late(application, start - timedelta(days=1))


def test_the_late_flag_follows_the_date_in_seoul(client_for, application, coordinator):
    VisaLeadTime.objects.create(host_country="KR", nationality="RU", days=30, margin_days=14)
    move_start(application.program, SEOUL_DAY + timedelta(days=43))  # 44 days after UTC's
    url = reverse("dashboards:readiness", args=[application.program_id])
    with time_machine.travel(SEOUL_NEXT_MORNING - timedelta(hours=9), tick=False):
        rows = client_for(coordinator).get(url).context["rows"]
        assert {i.key: i.late for i in rows[0].items}["visa"] is False  # still the 14th
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        assert UTC_DAY.day == 14  # the server's date, one day behind Seoul
        rows = client_for(coordinator).get(url).context["rows"]
        assert {i.key: i.late for i in rows[0].items}["visa"] is True


def test_reminders_when_late_and_the_day_before_the_appointment(
    application, trainee, coordinator, django_capture_on_commit_callbacks
):
    VisaLeadTime.objects.create(host_country="KR", nationality="RU", days=30, margin_days=14)
    move_start(application.program, SEOUL_DAY + timedelta(days=30))
    services.visa_save(
        application=application,
        by=trainee,
        data={"status": "appointment", "appointment_on": SEOUL_DAY + timedelta(days=1)},
    )
    rules = ["travel.visa-late", "travel.visa-appointment"]
    with (
        time_machine.travel(SEOUL_NEXT_MORNING, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run_reminders(only=rules) > 0
        again = run_reminders(only=rules)
    assert again == 0  # once per threshold
    kinds = set(Notification.objects.values_list("kind", "to_email"))
    for kind in ("travel.visa_late", "travel.visa_appointment"):
        assert (kind, trainee.email) in kinds and (kind, coordinator.email) in kinds
    assert any(m.subject.endswith("Visa appointment tomorrow") for m in mail.outbox)


def test_a_citizen_of_the_host_country_needs_no_visa(program):
    application = accepted(program, nationality="KR")
    assert travel_state(application, today=date(2000, 1, 1), leads=all_lead_times()).visa_done


def test_coordinators_edit_the_lead_times_of_their_own_country(client_for, coordinator):
    client = client_for(coordinator)
    url = reverse("travel:lead_times")
    response = client.post(url, {"nationality": "MN", "days": 45, "margin_days": 10})
    assert response.status_code == 302
    row = VisaLeadTime.objects.get()
    assert (str(row.host_country), str(row.nationality), row.days) == ("KR", "MN", 45)
    response = client.post(url, {"nationality": "MN", "days": 50, "margin_days": 10})
    assert response.status_code == 200 and VisaLeadTime.objects.get().days == 45  # duplicate
    client.post(url, {"pk": row.pk, "nationality": "MN", "days": 50, "margin_days": 10})
    assert VisaLeadTime.objects.get().days == 50
    assert client_for(UserFactory()).get(url).status_code == 403
