"""Hospital photos and agreements count towards the coordinator's upload limit."""

from django.urls import reverse

from hospitals.models import Hospital
from tests.hospitals.test_partnerships import partnership_data
from tests.hospitals.uploads import PDF_BYTES, active_pdfs, image_bytes, upload


def test_a_coordinator_over_the_limit_can_still_save_a_form_without_a_file(
    coordinator, client_for, hospital_data, settings
):
    settings.UPLOAD_RATE_LIMIT = 1
    client = client_for(coordinator)
    url = reverse("hospitals:hospital_create")
    photo = {"photo": upload("front.png", image_bytes(), "image/png")}
    assert client.post(url, {**hospital_data, **photo}).status_code == 302

    refused = client.post(url, {**hospital_data, "name": "Second", **photo})
    saved = client.post(url, {**hospital_data, "name": "Third"})

    assert refused.status_code == 429
    assert saved.status_code == 302
    names = set(Hospital.objects.values_list("name", flat=True))
    assert "Third" in names and "Second" not in names


def test_agreement_uploads_are_limited_too(coordinator, client_for, partner, settings):
    settings.UPLOAD_RATE_LIMIT = 0
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        {**partnership_data(partner), "agreement": upload("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == 429


def test_an_agreement_with_javascript_is_refused_with_a_message_and_not_stored(
    coordinator, client_for, partner, media_in_tmp
):
    content, _named = active_pdfs()["javascript-on-open"]
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        {**partnership_data(partner), "agreement": upload("a.pdf", content)},
    )
    assert response.status_code == 200
    assert "contains active content (JavaScript" in str(response.context["form"].errors)
    assert not coordinator.coordinator_of.partnerships_hosted.exists()
    assert not list((media_in_tmp / "private").rglob("*.pdf"))
