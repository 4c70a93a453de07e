"""The posts app's kinds of audit event (registered by PostsConfig)."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class PostAction(StrEnum):
    EDIT = "post_edit"
    END = "post_end"
    REVIEW = "post_review"
    DRIVE = "post_drive"
    TAG = "post_tag"


ACTION_LABELS = {
    PostAction.EDIT: _("设立或修改党员先锋岗"),
    PostAction.END: _("结束党员先锋岗"),
    PostAction.REVIEW: _("党员先锋岗年度评议"),
    PostAction.DRIVE: _("发起主题创建活动"),
    PostAction.TAG: _("岗位参加主题创建活动"),
}
