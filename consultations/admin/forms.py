"""The forms on a request's detail screen: change its status, add an internal note."""

from django import forms

from consultations import staff
from consultations.models import Status


class NoteField(forms.CharField):
    """Note text, bounded. Control characters never reach it: security/input_guard.py refuses
    them at the edge, with a page that says so."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", staff.NOTE_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"required": "Choose a status.", "invalid_choice": "Choose a status."},
    )
    note = NoteField(required=False, label="Internal note (optional, never shown to the visitor)")


class NoteForm(forms.Form):
    text = NoteField(label="Add a note", error_messages={"required": "Write the note first."})
