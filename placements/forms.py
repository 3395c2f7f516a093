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
