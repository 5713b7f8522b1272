"""The forms on a request's detail screen: change its status, add an internal note."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from consultations import staff
from consultations.models import Status


class NoteField(forms.CharField):
    """Note text: bounded, and free of control characters (a NUL is an error in PostgreSQL)."""

    default_error_messages = {
        "control_characters": "The note contains invisible control characters. They have "
        "been removed below: check the text and submit it again.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", staff.NOTE_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)
        # Our own check below names the problem; Django's would add a second message for NUL.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def validate(self, value):
        super().validate(value)
        if value and staff.has_control_characters(value):
            raise forms.ValidationError(
                self.error_messages["control_characters"], code="control_characters"
            )

    def bound_data(self, data, initial):
        # Show the refused text back without the characters, so a second submit succeeds.
        data = super().bound_data(data, initial)
        return staff.strip_control_characters(data) if isinstance(data, str) else data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"required": "Choose a status.", "invalid_choice": "Choose a status."},
    )
    note = NoteField(required=False, label="Internal note (optional, never shown to the visitor)")


class NoteForm(forms.Form):
    text = NoteField(label="Add a note", error_messages={"required": "Write the note first."})
