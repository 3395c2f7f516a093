"""Every `next` and redirect target stays on this site (core.http.safe_next)."""

import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.http import safe_next
from notifications.models import Notification
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import DEFAULT_PASSWORD, DocumentFactory, PublishedProgramFactory

OFF_SITE = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "http://evil.example/placements/mine/",
    "\\\\evil.example",
    "javascript:alert(1)",
]
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("target", OFF_SITE)
def test_safe_next_falls_back_for_a_target_off_this_site(target):
    request = RequestFactory().post("/placements/calendar/reset/", {"next": target})
    assert safe_next(request, "placements:mine") == "/placements/mine/"


def test_safe_next_keeps_a_path_of_this_site_with_its_query():
    request = RequestFactory().post("/x/", {"next": "/placements/mine/?week=3"})
    assert safe_next(request, "home") == "/placements/mine/?week=3"


def test_safe_next_refuses_plain_http_from_an_https_page():
    request = RequestFactory().post(
        "/x/", {"next": "http://testserver/placements/mine/"}, secure=True
    )
    assert safe_next(request, "home") == "/"


def test_safe_next_reads_the_query_string_too():
    request = RequestFactory().get("/x/", {"next": "//evil.example"})
    assert safe_next(request, "home") == "/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_resetting_the_calendar_address_never_redirects_off_site(client_for, trainee, target):
    response = client_for(trainee).post(reverse("placements:feed_reset"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("placements:mine")


def test_resetting_the_calendar_address_goes_back_to_the_page_it_came_from(client_for, trainee):
    response = client_for(trainee).post(
        reverse("placements:feed_reset"), {"next": "/notifications/settings/"}
    )
    assert response["Location"] == "/notifications/settings/"


@pytest.mark.parametrize("target", OFF_SITE[:3])
def test_reviewing_a_document_never_redirects_off_site(client_for, coordinator, trainee, target):
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    put_in_status(ApplicationFactory(program=program, trainee=trainee), "submitted")
    document = DocumentFactory(owner=trainee)
    response = client_for(coordinator).post(
        reverse("trainees:document_review", args=[document.pk]),
        {"decision": "verify", "next": target},
    )
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("link", OFF_SITE[:3])
def test_a_notification_link_never_leads_off_site(client_for, trainee, link):
    item = Notification.objects.create(
        kind="applications.status_changed",
        channel="in_app",
        recipient=trainee,
        to_email=trainee.email,
        status="sent",
        subject="Shortlisted",
        link=link,
    )
    response = client_for(trainee).post(reverse("notifications:open", args=[item.pk]))
    assert response["Location"] == reverse("notifications:inbox")


@pytest.mark.parametrize("target", OFF_SITE[:3])
def test_the_language_switch_never_redirects_off_site(client, db, target):
    response = client.post(reverse("set_language"), {"language": "ko", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", OFF_SITE[:3])
def test_signing_in_never_redirects_off_site(client, trainee, target):
    response = client.post(
        f"{reverse('account_login')}?next={target}",
        {"login": trainee.email, "password": DEFAULT_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert client.session.get("_auth_user_id")


def test_no_view_reads_a_redirect_target_except_through_safe_next():
    """`next`, the Referer header and request data never reach redirect() directly."""
    pattern = re.compile(
        r"""get\(\s*["']next["']|HTTP_REFERER|headers\.get\(\s*["']referer|redirect\(\s*request\."""
        r"""|HttpResponseRedirect\(\s*request\.""",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.glob("*/*.py")
        if path.parts[-2] not in {"tests", "bench", "core"} and ".venv" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
