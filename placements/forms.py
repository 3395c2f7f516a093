from django import forms
from django.utils.translation import gettext_lazy as _

from placements.models import TrainingActivity, TrainingPlan


class PlanForm(forms.ModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(forms.Form):
    week = forms.IntegerField(label=_("Week"), min_value=1, max_value=60, required=False)
    kind = forms.ChoiceField(
        label=_("Activity"), choices=[("", "—"), *TrainingActivity.Kind.choices], required=False
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") and not cleaned.get("week"):
            self.add_error("week", _("Give the week."))
        return cleaned


def activity_formset(data, plan, placement):
    initial = []
    # Initial values only to show the saved plan: a bound formset compares its data with
    # them and would drop rows "unchanged" from initial.
    if plan is not None and data is None:
        initial = [
            {"week": a.week, "kind": a.kind, "description": a.description}
            for a in plan.activities.all()
        ]
    formset = forms.formset_factory(ActivityForm, extra=4, max_num=60, absolute_max=60)
    return formset(data, initial=initial, prefix="activities")


class TraineeWeeksForm(forms.Form):
    """One trainee's weeks, one choice of site per week that may change (empty or planned);
    the choices are the sites open that week, the trainee's preferred ones first."""

    def __init__(self, data=None, *, weeks, **kwargs):
        super().__init__(data, **kwargs)
        self.weeks = weeks
        for item in weeks:
            if not item.cell.editable:
                continue
            groups = [
                (_("Preferred by the trainee"), [(c.site.pk, c.label) for c in item.preferred]),
                (_("Other sites"), [(c.site.pk, c.label) for c in item.others]),
            ]
            placement = item.cell.placement
            self.fields[f"week_{item.cell.week.index}"] = forms.TypedChoiceField(
                label=_("Week %(number)s") % {"number": item.cell.week.index + 1},
                choices=[("", _("— not planned —")), *[g for g in groups if g[1]]],
                coerce=int,
                empty_value=None,
                required=False,
                initial=placement.rotation_site_id if placement else None,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def changes(self) -> dict[int, int | None]:
        """Week index → the site id chosen (None: emptied), for the weeks that changed."""
        return {
            int(name.removeprefix("week_")): self.cleaned_data[name] for name in self.changed_data
        }

    def rows(self) -> list:
        """(week, its field or None when the week is sent and cannot change here)."""
        for name in self.errors:  # the message next to the field is its description
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "class": "form-select form-select-sm is-invalid",
                        "aria-describedby": f"id_{name}-error",
                    }
                )
        return [
            (item, self[f"week_{item.cell.week.index}"] if item.cell.editable else None)
            for item in self.weeks
        ]
