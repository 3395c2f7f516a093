from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from applications.models import RefereeRequest
from applications.services import OFFER_DEFAULT_DAYS
from programs.models import Program

MAX_CHOICES = 5


def _ordinal_label(n: int) -> str:
    return {
        1: _("First choice"),
        2: _("Second choice"),
        3: _("Third choice"),
        4: _("Fourth choice"),
        5: _("Fifth choice"),
    }[n]


class ApplicationForm(forms.Form):
    """Motivation and ranked preferences. A cohort rotation ranks its rotation sites; other
    kinds rank the program's specialties."""

    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Why this program, and what you want to learn. A few short paragraphs."),
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranks_sites = program.kind == Program.Kind.COHORT_ROTATION
        if self.ranks_sites:
            options = program.rotation_sites.select_related("department__hospital").order_by(
                "department__hospital__name", "start_date"
            )
        else:
            options = program.specialties.order_by("name")
        count = min(len(options), MAX_CHOICES)
        for n in range(1, count + 1):
            field = forms.ModelChoiceField(
                label=_ordinal_label(n),
                queryset=options,
                required=n == 1,
                empty_label=_("— none —"),
            )
            if self.ranks_sites:
                field.label_from_instance = lambda site: (
                    f"{site.department.hospital.name} — {site.department.name} "
                    f"({date_format(site.start_date, 'j M')}–{date_format(site.end_date, 'j M')})"
                )
            self.fields[f"choice_{n}"] = field

    def choices(self) -> list:
        picked = [self.cleaned_data.get(name) for name in self.fields if name.startswith("choice_")]
        return [choice for choice in picked if choice is not None]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class OfferForm(forms.Form):
    """The last day the applicant may answer; the offer ends at midnight at its end where the
    host organisation is."""

    answer_by = forms.DateField(
        label=_("Last day to answer"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        today = organisation.today()
        field = self.fields["answer_by"]
        field.initial = today + timedelta(days=OFFER_DEFAULT_DAYS)
        field.widget.attrs["min"] = today.isoformat()
        field.help_text = _(
            "The offer ends at midnight at the end of this day in %(zone)s. Two weeks is usual."
        ) % {"zone": organisation.time_zone}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Internal comment"), widget=forms.Textarea(attrs={"rows": 3}))


class RefereeForm(forms.Form):
    """The applicant names a referee or nominating officer; the rules (limit, duplicates,
    status) are checked by the service."""

    kind = forms.ChoiceField(label=_("Who writes the letter"), choices=RefereeRequest.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("E.g. Ministry of Health."),
    )


class LetterForm(forms.Form):
    """The referee's upload; the content is checked by the service (a PDF, size limit)."""

    letter = forms.FileField(
        label=_("Letter (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].help_text = _("A PDF file, at most %(megabytes)s MB.") % {
            "megabytes": settings.UPLOAD_MAX_BYTES // 2**20
        }
