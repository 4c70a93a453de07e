"""The cadres app's kinds of audit event (registered by CadresConfig)."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class CadreAction(StrEnum):
    ROSTER = "cadre_roster"
    PLEDGE = "cadre_pledge"
    REVIEW = "cadre_review"
    CHECK = "cadre_check"
    ACCOUNT = "cadre_account"
    ADJUST = "cadre_adjust"


ACTION_LABELS = {
    CadreAction.ROSTER: _("维护两委班子"),
    CadreAction.PLEDGE: _("填写干部承诺"),
    CadreAction.REVIEW: _("审核干部承诺"),
    CadreAction.CHECK: _("记录承诺兑现"),
    CadreAction.ACCOUNT: _("干部问责"),
    CadreAction.ADJUST: _("班子成员调整"),
}
