"""Profile photos: judged by content, bombs refused, EXIF stripped, thumbnail by a task."""

from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image

from tests.hospitals.test_images import GPS_IFD, bomb_png, jpeg_with_gps
from tests.hospitals.uploads import image_bytes, upload
from trainees.models import TraineeProfile

pytestmark = pytest.mark.django_db


def _post(client, content, name="me.jpg", content_type="image/jpeg"):
    return client.post(
        reverse("trainees:photo_upload"),
        {"photo": upload(name, content, content_type)},
        follow=True,
    )


def test_a_phone_photo_is_stored_without_gps_and_gets_a_thumbnail(
    client_for, trainee, django_capture_on_commit_callbacks
):
    client = client_for(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, jpeg_with_gps())
    assert "Your photo is saved." in response.content.decode()
    profile = TraineeProfile.objects.get(user=trainee)
    with profile.photo.open("rb") as handle:
        stored = Image.open(BytesIO(handle.read()))
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert profile.photo.name.startswith("trainees/photos/") and "me" not in profile.photo.name
    assert profile.photo_thumbnail  # made by the Celery task (eager here)
    with profile.photo_thumbnail.open("rb") as handle:
        assert Image.open(BytesIO(handle.read())).size == (240, 240)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some text, not a picture", "me.jpg", "JPEG, PNG or WebP"),
        (image_bytes(fmt="GIF"), "me.gif", "JPEG, PNG or WebP"),
        (bomb_png(), "bomb.png", "Image too large: at most 25 megapixels."),
    ],
    ids=["text-named-jpg", "gif", "decompression-bomb"],
)
def test_bad_pictures_are_refused_with_a_clear_message(client_for, trainee, content, name, message):
    response = _post(client_for(trainee), content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TraineeProfile.objects.filter(user=trainee).exclude(photo="").exists()


def test_a_photo_over_10_mb_is_refused(client_for, trainee, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _post(client_for(trainee), image_bytes(size=(400, 400), fmt="PNG"), "big.png")
    assert "File too large" in response.content.decode()


def test_replacing_the_photo_removes_the_old_file(
    client_for, trainee, django_capture_on_commit_callbacks
):
    client = client_for(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, image_bytes(fmt="PNG"), "a.png")
    first = TraineeProfile.objects.get(user=trainee).photo
    storage, first_name = first.storage, first.name
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, image_bytes(fmt="JPEG"), "b.jpg")
    assert not storage.exists(first_name)
    assert TraineeProfile.objects.get(user=trainee).photo.name != first_name


def test_the_photo_is_served_to_the_owner_and_not_to_strangers(
    client_for, trainee, other_coordinator
):
    _post(client_for(trainee), image_bytes(fmt="PNG"), "a.png")
    own = client_for(trainee).get(reverse("trainees:photo", args=[trainee.pk]))
    assert own.status_code == 200 and own["Content-Type"] == "image/jpeg"
    assert own["Cache-Control"] == "private, no-store"
    stranger = client_for(other_coordinator).get(reverse("trainees:photo", args=[trainee.pk]))
    assert stranger.status_code == 404
