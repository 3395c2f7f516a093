"""Input validation and crispy layouts for the coordinator's hospital pages.

Forms check what a person typed and show the error next to the field; they never save.
Views hand `cleaned_data` to the functions in hospitals/services.py.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Organisation, User
from core.dates import time_zone_choices
from core.images import clean_uploaded_image
from core.uploads import clean_uploaded_pdf
from hospitals import selectors, services
from hospitals.models import Department, Hospital, Partnership, Supervisor
from reference.models import Specialty


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _row(*fields: str) -> Div:
    return Div(*(Div(field, css_class="col-md") for field in fields), css_class="row")


class HospitalForm(forms.ModelForm):
    # A plain file field: Django's ImageField would open the picture itself and answer a
    # decompression bomb with a vague message; clean_uploaded_image gives the clear one.
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, at most 10 MB. Location data is removed."),
    )

    class Meta:
        model = Hospital
        fields = [
            "name",
            "name_native",
            "city",
            "country",
            "kind",
            "grade",
            "beds",
            "international_office_name",
            "international_office_email",
            "international_office_phone",
            "latitude",
            "longitude",
            "photo",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.helper = _helper(
            Fieldset(
                _("Hospital"),
                _row("name", "name_native"),
                _row("city", "country"),
                _row("kind", "grade", "beds"),
                "description",
            ),
            Fieldset(
                _("International office"),
                _row(
                    "international_office_name",
                    "international_office_email",
                    "international_office_phone",
                ),
            ),
            Fieldset(_("Location and photo"), _row("latitude", "longitude"), "photo"),
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        try:
            services._validate_hospital_name(
                organisation_id=self.organisation.pk, name=name, exclude_pk=self.instance.pk
            )
        except ValidationError as error:
            raise ValidationError(error.message_dict["name"]) from None
        return name

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo is False:
            return False  # "clear" ticked
        if not photo or photo == self.initial.get("photo"):
            return None  # unchanged
        return clean_uploaded_image(photo)

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, _("Give both latitude and longitude, or neither."))
        return cleaned

    def _post_clean(self):
        # The photo is stored by the service, not assigned to the instance here.
        photo = self.cleaned_data.pop("photo", None)
        super()._post_clean()
        self.cleaned_data["photo"] = photo

    def hospital_data(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "photo"}


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["hospital", "specialty", "name", "capacity"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hospital"].queryset = selectors.hospitals_for_user(user).order_by("name")
        self.fields["specialty"].queryset = Specialty.objects.order_by("name")
        self.fields["capacity"].min_value = 0
        self.helper = _helper("hospital", "specialty", "name", "capacity")

    def clean(self):
        cleaned = super().clean()
        hospital, name = cleaned.get("hospital"), cleaned.get("name")
        if hospital and name:
            try:
                services.validate_department_name(
                    hospital=hospital, name=name, exclude_pk=self.instance.pk
                )
            except ValidationError as error:
                self.add_error("name", error.message_dict["name"])
        return cleaned

    def validate_unique(self):
        # Checked in clean() with a message naming the rule; the constraint backs it.
        pass


class SpecialtyForm(forms.ModelForm):
    class Meta:
        model = Specialty
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make one from the name.")
        self.helper = _helper("name", "slug")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            slug = slugify(cleaned["name"], allow_unicode=True)
            if Specialty.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("name", _("A specialty with this name already exists."))
            cleaned["slug"] = slug
            self.instance.slug = slug
        return cleaned


class SupervisorCreateForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person must already have an account. Otherwise, invite them."),
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    title = forms.CharField(
        label=_("Title or position"),
        max_length=120,
        required=False,
        help_text=_("E.g. Professor, Chief."),
    )
    max_trainees = forms.IntegerField(label=_("Maximum trainees at a time"), min_value=1, initial=2)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = selectors.departments_for_user(user).order_by(
            "hospital__name", "name"
        )
        self.helper = _helper("email", "department", _row("title", "max_trainees"))

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise ValidationError(
                _("Nobody has an account with this e-mail address. Invite them instead.")
            )
        return person

    def clean(self):
        cleaned = super().clean()
        person, department = cleaned.get("email"), cleaned.get("department")
        if person and department and department.supervisors.filter(user=person).exists():
            self.add_error("department", _("This person already supervises in this department."))
        return cleaned


class SupervisorUpdateForm(forms.ModelForm):
    class Meta:
        model = Supervisor
        fields = ["title", "max_trainees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_row("title", "max_trainees"))


class PartnershipForm(forms.ModelForm):
    agreement = forms.FileField(
        label=_("Agreement document (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("PDF, at most 10 MB. Only coordinators of your organisation can open it."),
    )

    class Meta:
        model = Partnership
        fields = [
            "partner",
            "title",
            "signed_on",
            "expires_on",
            "yearly_quota",
            "agreement",
            "notes",
        ]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = selectors.partner_organisation_choices(user)
        self.helper = _helper(
            "partner",
            "title",
            _row("signed_on", "expires_on", "yearly_quota"),
            "agreement",
            "notes",
        )

    def clean_agreement(self):
        agreement = self.cleaned_data.get("agreement")
        if agreement is False:
            return False
        if not agreement or agreement == self.initial.get("agreement"):
            return None
        return clean_uploaded_pdf(agreement)

    def clean(self):
        cleaned = super().clean()
        try:
            services.validate_partnership_terms(
                signed_on=cleaned.get("signed_on"),
                expires_on=cleaned.get("expires_on"),
                yearly_quota=cleaned.get("yearly_quota"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned

    def _post_clean(self):
        agreement = self.cleaned_data.pop("agreement", None)
        super()._post_clean()
        self.cleaned_data["agreement"] = agreement

    def partnership_data(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "agreement"}


def _time_zone_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="UTC",
        help_text=Organisation._meta.get_field("time_zone").help_text,
    )


class OrganisationForm(forms.ModelForm):
    """The coordinator's own organisation: names, place, time zone and the second language of
    its invitation letters."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    time_zone = _time_zone_field()

    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_native",
            "country",
            "city",
            "website",
            "time_zone",
            "letter_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _row("name", "name_native"),
            _row("country", "city"),
            _row("website", "time_zone"),
            "letter_language",
        )


class PartnerOrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    time_zone = _time_zone_field()

    class Meta:
        model = Organisation
        fields = ["name", "name_native", "kind", "country", "city", "website", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label)
            for value, label in Organisation.Kind.choices
            if value in selectors.PARTNER_KINDS
        ]
        self.fields["kind"].initial = Organisation.Kind.SENDING
        self.helper = _helper(
            _row("name", "name_native"),
            "kind",
            _row("country", "city"),
            _row("website", "time_zone"),
        )


class InvitationForm(forms.Form):
    """A coordinator invites a colleague; departments are limited to the organisation's."""

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments (for supervisors)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where this person will supervise visiting doctors."),
    )
    max_trainees = forms.IntegerField(
        label=_("Maximum trainees at a time (for supervisors)"),
        min_value=1,
        max_value=50,
        initial=2,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Invitation.Role.choices
        self.fields["role"].initial = Invitation.Role.SUPERVISOR
        departments = self.fields["departments"]
        departments.queryset = (
            Department.objects.filter(hospital__organisation=organisation)
            .select_related("hospital")
            .order_by("hospital__name", "name")
        )
        departments.label_from_instance = lambda d: f"{d.hospital.name} — {d.name}"
