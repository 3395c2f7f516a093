"""The trainee's profile: passport names in two scripts, languages, completeness."""

import pytest
from django.urls import reverse

from tests.factories import SpecialtyFactory
from trainees.models import TraineeProfile
from trainees.selectors import completeness

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Ivan",
    "last_name": "Petrov",
    "native_name": "Иван Петров",
    "date_of_birth": "1988-04-12",
    "sex": "M",
    "nationality": "RU",
    "passport_number": "75 1234567",
    "current_hospital": "Vladivostok Clinical Hospital No. 2",
    "current_position": "Neurosurgeon",
    "years_of_practice": "9",
    "phone": "+7 423 222 33 44",
    "emergency_contact_name": "Мария Петрова",
    "emergency_contact_phone": "+7 914 000 11 22",
    "emergency_contact_relation": "wife",
    "languages-TOTAL_FORMS": "2",
    "languages-INITIAL_FORMS": "0",
    "languages-0-language": "en",
    "languages-0-level": "B2",
    "languages-1-language": "ko",
    "languages-1-level": "A1",
}


def test_a_trainee_fills_the_profile_in_two_scripts_and_sees_it_complete_but_the_photo(
    client_for, trainee
):
    client = client_for(trainee)
    neurosurgery = SpecialtyFactory(name="Neurosurgery")
    response = client.post(reverse("trainees:profile"), {**VALID, "specialty": neurosurgery.pk})
    assert response.status_code == 302
    profile = TraineeProfile.objects.get(user=trainee)
    trainee.refresh_from_db()
    assert trainee.native_name == "Иван Петров"
    assert profile.emergency_contact_name == "Мария Петрова"
    assert sorted(profile.languages.values_list("language", "level")) == [
        ("en", "B2"),
        ("ko", "A1"),
    ]
    state = completeness(trainee)
    assert state.missing == ["photo"] and 90 <= state.percent < 100
    page = client.get(reverse("trainees:profile"))
    assert "Profile 92% complete" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "0423 222", "international format"),
        ("date_of_birth", "2999-01-01", "cannot be in the future"),
        ("years_of_practice", "-3", "greater than or equal to 0"),
        ("nationality", "XX", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_loses_nothing(
    client_for, trainee, field, value, message
):
    response = client_for(trainee).post(reverse("trainees:profile"), {**VALID, field: value})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Vladivostok Clinical Hospital No. 2" in page  # what was typed is still there
    assert not TraineeProfile.objects.filter(user=trainee, current_position="Neurosurgeon").exists()


def test_a_language_without_a_level_or_twice_is_refused(client_for, trainee):
    client = client_for(trainee)
    response = client.post(reverse("trainees:profile"), {**VALID, "languages-1-level": ""})
    assert "Choose both a language and your level." in response.content.decode()
    response = client.post(reverse("trainees:profile"), {**VALID, "languages-1-language": "en"})
    assert "Each language can appear only once." in response.content.decode()
    assert not TraineeProfile.objects.filter(user=trainee).exists()


def test_an_empty_profile_is_0_percent_and_lists_everything(trainee):
    trainee.first_name = trainee.last_name = ""
    state = completeness(trainee)
    assert state.percent == 0
    assert "passport number" in state.missing and "photo" in state.missing
