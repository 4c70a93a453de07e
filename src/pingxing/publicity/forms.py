"""宣传与先进典型 (publicity): forms. They parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.publicity.models import KIND_CHOICES
from pingxing.publicity.services import CAPTION_MAX, TITLE_MAX


class ArticleForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=KIND_CHOICES)
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    subject_member = forms.TypedChoiceField(label=_("典型党员（先进典型可选）"), required=False, coerce=int,
                                            empty_value=None)
    subject_org = forms.TypedChoiceField(label=_("典型组织（先进典型可选）"), required=False, coerce=int,
                                         empty_value=None)

    def __init__(self, *args: Any, members: list[tuple[int, str]], orgs: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank: list[tuple[Any, Any]] = [("", "—")]
        self.fields["subject_member"].choices = blank + members
        self.fields["subject_org"].choices = blank + orgs


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PhotoForm(forms.Form):
    caption = forms.CharField(label=_("照片说明"), max_length=CAPTION_MAX, required=False)
