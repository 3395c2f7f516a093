"""Program and rotation-site forms: input validation and layout, no side effects.

The schedule rules live in programs.services (validate_program_schedule,
validate_rotation_site); the forms call them so every broken rule shows next to its field.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from hospitals.models import Department
from programs.models import Program, RotationSite
from programs.services import (
    SUPERVISOR_DOCUMENT_TYPES,
    validate_program_schedule,
    validate_rotation_site,
)
from reference.models import DocumentType, Specialty


class DateInput(forms.DateInput):
    """The browser's own date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


SUPERVISOR_DOCUMENT_CHOICES = [
    (code, label) for code, label in DocumentType.choices if code in SUPERVISOR_DOCUMENT_TYPES
]


def _row(*fields: str) -> Div:
    return Div(*[Div(field, css_class="col-12 col-md") for field in fields], css_class="row")


class ProgramForm(forms.ModelForm):
    specialties = forms.ModelMultipleChoiceField(
        queryset=Specialty.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Specialties"),
        help_text=_("At least one is needed before the program can be published."),
    )
    required_documents = forms.MultipleChoiceField(
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Required documents"),
        help_text=_("What applicants must upload."),
    )
    documents_for_supervisors = forms.MultipleChoiceField(
        choices=SUPERVISOR_DOCUMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Documents shown to supervisors"),
        help_text=_(
            "What the supervisors of a placement may open. Coordinators see every document; "
            "leave the passport and health papers unticked unless supervisors need them."
        ),
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=32767)
    fee = forms.DecimalField(
        label=_("Programme fee"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        initial=0,
        help_text=_("0 if free."),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        initial="USD",
        validators=[
            RegexValidator(r"^[A-Za-z]{3}$", _("Use a three-letter currency code, e.g. USD."))
        ],
        help_text=_("Three-letter code, e.g. USD, EUR, KRW."),
    )

    class Meta:
        model = Program
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "start_date",
            "end_date",
            "application_opens",
            "application_closes",
            "seats",
            "specialties",
            "working_language",
            "min_language_level",
            "language_notes",
            "required_documents",
            "documents_for_supervisors",
            "covers_travel",
            "covers_stipend",
            "covers_housing",
            "covers_meals",
            "fee",
            "currency",
            "cost_notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "application_opens": DateInput(),
            "application_closes": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("About the program"), "kind", "title", "summary", "description"),
            Fieldset(
                _("Dates"),
                _row("start_date", "end_date"),
                _row("application_opens", "application_closes"),
            ),
            Fieldset(_("Places and specialties"), "seats", "specialties"),
            Fieldset(
                _("Language"),
                _row("working_language", "min_language_level"),
                "language_notes",
            ),
            Fieldset(_("Documents"), "required_documents", "documents_for_supervisors"),
            Fieldset(
                _("What is covered and what it costs"),
                "covers_travel",
                "covers_stipend",
                "covers_housing",
                "covers_meals",
                _row("fee", "currency"),
                "cost_notes",
            ),
        )

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].upper()

    def clean(self):
        cleaned = super().clean()
        try:
            validate_program_schedule(
                start_date=cleaned.get("start_date"),
                end_date=cleaned.get("end_date"),
                application_opens=cleaned.get("application_opens"),
                application_closes=cleaned.get("application_closes"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def program_data(self) -> dict:
        """Cleaned values for programs.services (specialties passed separately)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "specialties"}


class RotationSiteForm(forms.ModelForm):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=0,
        max_value=32767,
        help_text=_("Trainees this site takes at the same time in this period."),
    )

    class Meta:
        model = RotationSite
        fields = ["department", "start_date", "end_date", "capacity"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, program: Program, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["department"].queryset = departments
        self.fields["department"].label_from_instance = self._department_label
        if not self.instance.pk:
            self.initial.setdefault("start_date", program.start_date)
            self.initial.setdefault("end_date", program.end_date)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("department", _row("start_date", "end_date"), "capacity")

    @staticmethod
    def _department_label(department: Department) -> str:
        return f"{department.name} — {department.hospital}"

    def clean(self):
        cleaned = super().clean()
        try:
            validate_rotation_site(
                program=self.program,
                department=cleaned.get("department"),
                start_date=cleaned.get("start_date"),
                end_date=cleaned.get("end_date"),
                site=self.instance,
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def site_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}
