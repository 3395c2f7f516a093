"""clean_uploaded_image: pictures are checked by content and stored without EXIF."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from core.images import clean_uploaded_image
from tests.hospitals.uploads import image_bytes, upload

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (37.0, 29.0, 10.0), 3: "E", 4: (126.0, 47.0, 38.0)}
    return image_bytes(fmt="JPEG", exif=exif.tobytes())


def bomb_png() -> bytes:
    buffer = BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_small_png_declaring_400_megapixels_is_refused_with_a_clear_message():
    content = bomb_png()
    assert len(content) < 1_000_000  # tiny on disk, huge once decoded

    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload("bomb.png", content))

    assert error.value.messages == ["Image too large: at most 25 megapixels."]


def test_an_image_just_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1000

    with pytest.raises(ValidationError, match="Image too large"):
        clean_uploaded_image(upload("wide.png", image_bytes(size=(50, 21))))


def test_a_jpeg_with_gps_exif_is_re_encoded_without_exif():
    original = Image.open(BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(GPS_IFD)  # the fixture really carries a position

    cleaned = clean_uploaded_image(upload("phone.jpg", jpeg_with_gps()))

    stored = Image.open(BytesIO(cleaned.read()))
    assert stored.format == "JPEG"
    assert not stored.getexif()
    assert "exif" not in stored.info
    assert stored.size == (40, 30)


def test_the_picture_is_turned_upright_from_its_exif_orientation():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    content = image_bytes(size=(40, 30), fmt="JPEG", exif=exif.tobytes())

    cleaned = clean_uploaded_image(upload("sideways.jpg", content))

    assert Image.open(BytesIO(cleaned.read())).size == (30, 40)


def test_a_text_file_renamed_png_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload("notes.png", b"just some text, not a picture\n" * 10))

    assert error.value.messages == ["Upload a photo in JPEG, PNG or WebP format."]


def test_a_gif_is_refused_even_though_pillow_could_read_it():
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        clean_uploaded_image(upload("anim.gif", image_bytes(fmt="GIF")))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100

    with pytest.raises(ValidationError, match="File too large"):
        clean_uploaded_image(upload("big.png", image_bytes(size=(400, 400))))


def test_png_and_webp_come_out_as_jpeg():
    for fmt in ("PNG", "WEBP"):
        cleaned = clean_uploaded_image(upload(f"x.{fmt.lower()}", image_bytes(fmt=fmt)))
        assert Image.open(BytesIO(cleaned.read())).format == "JPEG"


def test_the_hospital_form_shows_the_bomb_message_next_to_the_photo_field(
    coordinator, client_for, hospital_data
):
    response = client_for(coordinator).post(
        reverse("hospitals:hospital_create"),
        {**hospital_data, "photo": upload("bomb.png", bomb_png(), "image/png")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["Image too large: at most 25 megapixels."]
    assert not coordinator.coordinator_of.hospitals.exists()


def test_the_hospital_form_refuses_a_text_file_renamed_png(coordinator, client_for, hospital_data):
    response = client_for(coordinator).post(
        reverse("hospitals:hospital_create"),
        {**hospital_data, "photo": upload("notes.png", b"hello", "image/png")},
    )

    assert "photo" in response.context["form"].errors
    assert not coordinator.coordinator_of.hospitals.exists()


def test_a_hospital_photo_is_stored_under_a_random_name_without_exif(
    coordinator, client_for, hospital_data
):
    response = client_for(coordinator).post(
        reverse("hospitals:hospital_create"),
        {**hospital_data, "photo": upload("../../etc/my home.jpg", jpeg_with_gps(), "image/jpeg")},
    )

    assert response.status_code == 302
    hospital = coordinator.coordinator_of.hospitals.get()
    assert hospital.photo.name.startswith("hospitals/photos/")
    assert "home" not in hospital.photo.name
    with hospital.photo.open("rb") as stored:
        assert not Image.open(stored).getexif()
