from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", _("No legal hold: erase the data")),
            ("refuse", _("A legal hold applies: keep the data")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("What you checked, or the legal reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. no open dispute, no unpaid invoice, the stay has ended."),
    )


class AcceptNoticeForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read the privacy notice and accept it."),
        error_messages={"required": _("Please read and accept the privacy notice.")},
    )
