"""B1 helpers: full-time equivalent of one employee (guidance 71)."""

from decimal import Decimal


def full_time_equivalent(scheduled_weekly_hours: Decimal, full_time_weekly_hours: Decimal) -> Decimal | None:
    """FTE = scheduled weekly hours / full-time weekly hours (25 h / 40 h = 0.625); None if full time is 0."""
    if full_time_weekly_hours == 0:
        return None
    return scheduled_weekly_hours / full_time_weekly_hours
