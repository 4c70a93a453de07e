"""The evaluations app's kinds of audit event (registered by EvaluationsConfig)."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class EvaluationAction(StrEnum):
    VOTED = "eval_voted"  # the who-voted list: that someone voted, never what
    STEP = "eval_step"
    CODES = "eval_codes"
    PAPER = "eval_paper"
    TALLY = "eval_tally"
    GRADE = "eval_grade"
    PUBLISH = "eval_publish"
    HANDLING = "eval_handling"  # 组织处置: every step of a case


ACTION_LABELS = {
    EvaluationAction.VOTED: _("参加民主测评"),
    EvaluationAction.STEP: _("民主评议进度"),
    EvaluationAction.CODES: _("签发群众代表投票码"),
    EvaluationAction.PAPER: _("录入纸质选票"),
    EvaluationAction.TALLY: _("计票"),
    EvaluationAction.GRADE: _("组织评定等次"),
    EvaluationAction.PUBLISH: _("公布评议结果"),
    EvaluationAction.HANDLING: _("组织处置"),
}
