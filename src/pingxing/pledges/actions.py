"""The pledges app's kinds of audit event (registered by PledgesConfig)."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class PledgeAction(StrEnum):
    EDIT = "pledge_edit"
    REVIEW = "pledge_review"
    FULFIL = "pledge_fulfil"
    CHECK = "pledge_check"
    EVALUATE = "pledge_evaluate"
    PEER = "pledge_peer"  # that a member rated a sheet, never the score


ACTION_LABELS = {
    PledgeAction.EDIT: _("填写党员承诺"),
    PledgeAction.REVIEW: _("审核党员承诺"),
    PledgeAction.FULFIL: _("党员践诺"),
    PledgeAction.CHECK: _("承诺年中检查"),
    PledgeAction.EVALUATE: _("承诺年终评价"),
    PledgeAction.PEER: _("承诺互评"),
}
