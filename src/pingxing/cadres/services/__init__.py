"""Every write of the cadres app; import them from here (`services.pledge_approve(...)`).

- roster: posts of the 两委班子 added and ended;
- pledges: cadre pledges, their commitments and checkpoints (an unkept one opens 问责);
- cases: accountability (问责) and adjustment (调整) cases.
"""

from pingxing.cadres.services.cases import (
    accountability_close,
    accountability_decide,
    accountability_open,
    adjustment_decide,
    adjustment_propose,
)
from pingxing.cadres.services.common import CadreError
from pingxing.cadres.services.pledges import (
    checkpoint_record,
    commitment_add,
    commitment_remove,
    pledge_approve,
    pledge_create,
    pledge_return,
    pledge_set_target,
    pledge_submit,
)
from pingxing.cadres.services.roster import leadership_evaluation_start, post_create, post_end

__all__ = [
    "CadreError",
    "accountability_close",
    "leadership_evaluation_start",
    "accountability_decide",
    "accountability_open",
    "adjustment_decide",
    "adjustment_propose",
    "checkpoint_record",
    "commitment_add",
    "commitment_remove",
    "pledge_approve",
    "pledge_create",
    "pledge_return",
    "pledge_set_target",
    "pledge_submit",
    "post_create",
    "post_end",
]
