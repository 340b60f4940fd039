"""Forms of the contact pages: ask, answer, write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from symbiose.inputs import CleanTextForm
from symbiose.registry.models import SENSITIVE_FIELDS

#: Fields one chooses to reveal in a contact request; identity is always revealed on acceptance.
REVEALABLE_FIELDS = [(k, label) for k, label in SENSITIVE_FIELDS if k != "identity"]


class ContactForm(CleanTextForm):
    own = forms.ChoiceField(label=_("About which of your streams"))
    fields = forms.MultipleChoiceField(
        label=_("Reveal these sensitive fields if they accept"),
        choices=REVEALABLE_FIELDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Message to them"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown without your name until they accept. Do not write who you are."),
    )
    hide_identity = forms.BooleanField(
        label=_("Hide our name on this stream from now on (mark identity sensitive)"),
        required=False,
    )
    phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Shared with them only if they accept, with your name and e-mail."),
    )


def limit_revealable(form: forms.Form, sensitive: set[str]) -> None:
    """Offer only the fields that are actually hidden; drop the question when none is."""
    choices = [(k, label) for k, label in REVEALABLE_FIELDS if k in sensitive]
    if choices:
        form.fields["fields"].choices = choices
    else:
        del form.fields["fields"]


class AnswerForm(CleanTextForm):
    fields = forms.MultipleChoiceField(
        label=_("Reveal these sensitive fields of your stream"),
        choices=REVEALABLE_FIELDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Shared with them if you accept, with your name and e-mail."),
    )

    def reveals(self) -> bool:
        """Whether the receiver has hidden fields to choose from (the view drops the choice
        when nothing on their stream is hidden). A method, since templates look names up on
        a form as its fields first."""
        return "fields" in self.fields


#: Longest message in a contact thread (the page counts down to it).
MESSAGE_LIMIT = 2000


class MessageForm(CleanTextForm):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_LIMIT,
                                     "data-counter": "message-counter"}),
    )  # fmt: skip
