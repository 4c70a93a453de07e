"""What the cadres pages share: the year asked for, and running one write."""

from __future__ import annotations

from functools import partial

from pingxing.cadres.services import CadreError
from pingxing.core.steps import run_write

done = partial(run_write, refusals=(CadreError,))  # one write: message, then back