"""Self-experiments: planning, running and judging an N-of-1 trial."""

from tracker.services.context import Context
from tracker.storage import experiments as repo


def any_trial(ctx: Context) -> bool:
    """Whether the diary holds any self-experiment. The day view asks before its first
    paint, so the trials' modules load only for a diary that has one."""
    return repo.any_trial(ctx.diary.conn)
