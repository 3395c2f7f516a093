from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.models import Preference
from notifications.registry import EMAIL, all_kinds


def _audience(user: User) -> str:
    if user.is_coordinator:
        return "coordinator"
    if user.is_supervisor:
        return "supervisor"
    return "trainee"


class PreferencesForm(forms.Form):
    """One choice per kind of e-mail the person may receive and may switch off."""

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        audience = _audience(user)
        current = dict(Preference.objects.filter(user=user).values_list("kind", "mode"))
        for kind in all_kinds():
            if not kind.optional or EMAIL not in kind.channels:
                continue
            if kind.audience and audience not in kind.audience:
                continue
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                choices=Preference.Mode.choices,
                initial=current.get(kind.name, kind.default_mode),
                widget=forms.RadioSelect,
                required=False,  # a kind left out of the POST keeps its setting
            )

    def choices(self) -> dict[str, str]:
        return {kind: mode for kind, mode in self.cleaned_data.items() if mode}

    help_text = _("The inbox in the portal always shows everything; these choices decide e-mail.")
