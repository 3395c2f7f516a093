"""Moments for the time-zone tests: the server's (UTC) date and the host's date differ."""

from datetime import UTC, date, datetime

# 23:30 UTC on 14 March 2030: already 08:30 on 15 March in Seoul (UTC+9).
SEOUL_NEXT_MORNING = datetime(2030, 3, 14, 23, 30, tzinfo=UTC)
UTC_DAY = date(2030, 3, 14)
SEOUL_DAY = date(2030, 3, 15)

# 01:00 UTC on 16 March 2030: still 22:00 on 15 March in São Paulo (UTC-3).
SAO_PAULO_LATE_EVENING = datetime(2030, 3, 16, 1, 0, tzinfo=UTC)
SAO_PAULO_DAY = date(2030, 3, 15)


def set_time_zone(organisation, name: str):
    organisation.time_zone = name
    organisation.save(update_fields=["time_zone"])
    return organisation
