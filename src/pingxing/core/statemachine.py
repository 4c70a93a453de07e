"""Moving a record from state to state safely: row lock, compare-and-set, transition record.

Each app keeps its step table as pure data (who may do what from which state); this
helper applies a step under the transaction. Two people acting on one record at once
cannot both succeed: the second sees `ConcurrentChange`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingxing.core.audit import AuditAction, audit_record


class ConcurrentChange(Exception):
    """Somebody changed the record first; the message is for the user."""

    def __init__(self, message: Any = None) -> None:
        super().__init__(str(message or _("该记录刚被其他人处理过，请刷新页面后再操作。")))


@dataclass(frozen=True)
class StateMachine:
    """The states of one model: `model.<state_field>` moves, `transition_model` keeps the steps
    (fields from_state, to_state, action, reason, by and the FK named `subject_field`)."""

    model: Any
    transition_model: Any
    subject_field: str
    state_field: str = "state"
    updated_field: str | None = "updated_at"
    # The error raised when somebody was faster (an app may use a subclass its views catch).
    conflict: type[ConcurrentChange] = ConcurrentChange

    def lock(self, obj: Any) -> None:
        """Lock the row for this transaction and check nobody moved it since it was read."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("StateMachine.lock needs a transaction")
        current = (
            self.model.objects.select_for_update().values_list(self.state_field, flat=True)
            .filter(pk=obj.pk).first()
        )
        if current != getattr(obj, self.state_field):
            raise self.conflict()

    def move(self, obj: Any, *, to_state: str, action: str, by: Any, reason: str = "",
             request: Any = None, **also: Any) -> Any:
        """Compare-and-set the state (and the fields in `also`), record the transition and
        audit it; returns the transition row. Raises ConcurrentChange when someone was faster."""
        from_state = getattr(obj, self.state_field)
        updates: dict[str, Any] = {self.state_field: to_state, **also}
        if self.updated_field:
            updates[self.updated_field] = timezone.now()
        with transaction.atomic():
            changed = self.model.objects.filter(pk=obj.pk, **{self.state_field: from_state}).update(**updates)
            if changed != 1:
                raise self.conflict()
            step = self.transition_model.objects.create(
                **{self.subject_field: obj}, from_state=from_state, to_state=to_state,
                action=action, reason=reason, by=by,
            )
            audit_record(
                action=AuditAction.UPDATE, user=by, obj=obj, request=request,
                changes={self.state_field: [from_state, to_state], "step": [None, action],
                         **({"reason": ["", reason]} if reason else {}),
                         **{k: [None, _plain(v)] for k, v in also.items()}},
            )
        for name, value in updates.items():
            setattr(obj, name, value)
        return step


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)
