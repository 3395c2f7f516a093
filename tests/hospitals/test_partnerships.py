"""Partnerships: terms validated, agreement PDF private and served only to the host."""

from django.urls import reverse

from accounts.models import Organisation
from hospitals.models import Partnership
from tests.factories import HospitalFactory
from tests.hospitals.uploads import PDF_BYTES, image_bytes, upload


def partnership_data(partner, **overrides):
    return {
        "partner": partner.pk,
        "title": "Medical cooperation agreement",
        "signed_on": "2011-03-01",
        "expires_on": "2031-03-01",
        "yearly_quota": "10",
        "notes": "",
        **overrides,
    }


def test_a_coordinator_records_a_partnership_with_a_pdf(
    coordinator, client_for, partner, media_in_tmp
):
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        {**partnership_data(partner), "agreement": upload("signed.pdf", PDF_BYTES)},
    )

    partnership = Partnership.objects.get()
    assert response["Location"] == reverse("hospitals:partnership_detail", args=[partnership.pk])
    assert partnership.host == coordinator.coordinator_of
    assert (media_in_tmp / "private" / partnership.agreement.name).read_bytes() == PDF_BYTES
    assert not (media_in_tmp / "media" / partnership.agreement.name).exists()


def test_an_expiry_before_signing_is_a_field_error_and_saves_nothing(
    coordinator, client_for, partner
):
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        partnership_data(partner, expires_on="2010-01-01"),
    )

    assert "expires_on" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_an_expiry_on_the_signing_day_is_a_field_error(coordinator, client_for, partner):
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        partnership_data(partner, expires_on="2011-03-01"),
    )

    assert "expires_on" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_a_negative_quota_is_a_field_error_and_saves_nothing(coordinator, client_for, partner):
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"), partnership_data(partner, yearly_quota="-5")
    )

    assert "yearly_quota" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_our_own_organisation_is_not_a_partner_choice(coordinator, client_for, organisation):
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"), partnership_data(organisation)
    )

    assert "partner" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_a_picture_renamed_pdf_is_refused(coordinator, client_for, partner):
    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        {**partnership_data(partner), "agreement": upload("scan.pdf", image_bytes())},
    )

    assert "agreement" in response.context["form"].errors
    assert not Partnership.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused(coordinator, client_for, partner, settings):
    settings.UPLOAD_MAX_BYTES = 20

    response = client_for(coordinator).post(
        reverse("hospitals:partnership_create"),
        {**partnership_data(partner), "agreement": upload("big.pdf", PDF_BYTES)},
    )

    assert "agreement" in response.context["form"].errors


def test_the_agreement_downloads_as_a_private_attachment(
    coordinator, client_for, partnership_with_pdf
):
    response = client_for(coordinator).get(
        reverse("hospitals:partnership_agreement", args=[partnership_with_pdf.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_another_organisation_gets_404_for_the_agreement(
    other_coordinator, client_for, partnership_with_pdf
):
    response = client_for(other_coordinator).get(
        reverse("hospitals:partnership_agreement", args=[partnership_with_pdf.pk])
    )

    assert response.status_code == 404


def test_a_partnership_without_a_document_answers_404_for_the_download(
    coordinator, client_for, partnership
):
    response = client_for(coordinator).get(
        reverse("hospitals:partnership_agreement", args=[partnership.pk])
    )

    assert response.status_code == 404


def test_the_partnership_page_lists_the_partners_hospitals(
    coordinator, client_for, partnership, partner, myongji
):
    HospitalFactory(organisation=partner, name="Vladivostok Clinical Hospital No. 2")

    response = client_for(coordinator).get(
        reverse("hospitals:partnership_detail", args=[partnership.pk])
    )

    assert "Vladivostok Clinical Hospital No. 2" in response.content.decode()
    assert "Myongji" not in response.content.decode()


def test_the_list_filters_expired_partnerships(
    coordinator, client_for, organisation, partner, partnership
):
    expired = Partnership.objects.create(
        host=organisation,
        partner=partner,
        title="Old agreement",
        signed_on="2001-01-01",
        expires_on="2005-01-01",
    )
    http = client_for(coordinator)

    expired_rows = http.get(reverse("hospitals:partnership_list"), {"status": "expired"})
    active_rows = http.get(reverse("hospitals:partnership_list"), {"status": "active"})

    assert list(expired_rows.context["rows"]) == [expired]
    assert list(active_rows.context["rows"]) == [partnership]


def test_the_list_finds_a_partnership_by_the_partners_native_name(
    coordinator, client_for, partnership
):
    response = client_for(coordinator).get(reverse("hospitals:partnership_list"), {"q": "Приморск"})

    assert list(response.context["rows"]) == [partnership]


def test_a_partnership_is_deleted_after_confirmation(coordinator, client_for, partnership):
    client_for(coordinator).post(reverse("hospitals:partnership_delete", args=[partnership.pk]))

    assert not Partnership.objects.filter(pk=partnership.pk).exists()


def test_another_coordinator_cannot_edit_our_partnership(
    other_coordinator, client_for, partnership, partner
):
    response = client_for(other_coordinator).post(
        reverse("hospitals:partnership_update", args=[partnership.pk]),
        partnership_data(partner, title="Hijacked"),
    )

    assert response.status_code == 404
    partnership.refresh_from_db()
    assert partnership.title != "Hijacked"


def test_a_coordinator_adds_a_partner_organisation_and_returns_to_the_new_agreement(
    coordinator, client_for
):
    response = client_for(coordinator).post(
        reverse("hospitals:partner_organisation_create"),
        {
            "name": "Mongolian National University of Medical Sciences",
            "name_native": "Анагаахын Шинжлэх Ухааны Үндэсний Их Сургууль",
            "kind": "sending",
            "country": "MN",
            "city": "Ulaanbaatar",
            "website": "",
            "time_zone": "Asia/Ulaanbaatar",
        },
    )

    partner = Organisation.objects.get(country="MN")
    assert response["Location"] == f"{reverse('hospitals:partnership_create')}?partner={partner.pk}"
    assert partner.kind == Organisation.Kind.SENDING
    assert partner.time_zone == "Asia/Ulaanbaatar"


def test_a_partner_organisation_cannot_be_a_host(coordinator, client_for):
    response = client_for(coordinator).post(
        reverse("hospitals:partner_organisation_create"),
        {"name": "Sneaky Host", "kind": "host", "country": "KR"},
    )

    assert "kind" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Sneaky Host").exists()
