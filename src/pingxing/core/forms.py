"""Forms shared by every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    """The file field of every Excel import page."""

    file = forms.FileField(label=_("选择 Excel 文件（.xlsx）"))


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
