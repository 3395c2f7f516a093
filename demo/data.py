"""The demo world, put together from the seed stories in `demo.stories`.

Institutions are the real ones from the seed stories (../shared/seeds): the Gyeonggi Global
Healthcare Academy and its eight hospitals (seed 002), Sana Klinikum Offenbach and the
Guiyang spine surgeon (seed 000), Shanghai First People's Hospital's resident experts in
Ningde (seed 004), and Shanghai's international medical centers (seed 003). Every person is
invented; names keep their native scripts. Contact addresses use example.org.

Organisations, hospitals and people are referred to by their (Latin) names. Programs depend
on today's date, so they come from `programs(today)`. Each list keeps the order the seeder
creates its rows in (their ids, the trainees' profile details and the printed demo logins
follow it): hosts before partners, coordinators before supervisors before trainees.
"""

from __future__ import annotations

from datetime import date

from demo.stories import (
    arrivals,
    common,
    gyeonggi,
    gyeonggi_cohort,
    gyeonggi_staff,
    ningde,
    offenbach,
    shanghai,
)

DEMO_PASSWORD = common.DEMO_PASSWORD
DEMO_DOMAIN = common.DEMO_DOMAIN
GYEONGGI = gyeonggi.GYEONGGI
OFFENBACH = offenbach.OFFENBACH

SPECIALTIES = common.SPECIALTIES

ORGANISATIONS = [
    # Host organisations
    *gyeonggi.HOSTS,
    *offenbach.HOSTS,
    *ningde.HOSTS,
    *shanghai.HOSTS,
    # Nominating ministries
    *gyeonggi_cohort.MINISTRIES,
    # Sending hospitals
    *gyeonggi_cohort.SENDING,
    *offenbach.SENDING,
    *ningde.SENDING,
    # The agency that brokered the Offenbach fellowship
    *offenbach.AGENCIES,
]

HOSPITALS = [
    *gyeonggi.HOSPITALS,
    *gyeonggi_cohort.HOSPITALS,
    *offenbach.HOSPITALS,
    *ningde.HOSPITALS,
    *shanghai.HOSPITALS,
]

# Demo logins share DEMO_PASSWORD; `login` says the role shown in the command's output.
# Everyone else gets an unusable password.
PEOPLE = [
    common.ADMIN,
    *gyeonggi_staff.COORDINATORS,
    *offenbach.COORDINATORS,
    *ningde.COORDINATORS,
    *shanghai.COORDINATORS,
    *gyeonggi_staff.SUPERVISORS,
    *offenbach.SUPERVISORS,
    *gyeonggi_cohort.TRAINEES,
    *offenbach.TRAINEES,
    *offenbach.HOST_FAMILY_PEOPLE,
    *arrivals.PICKUP_DRIVERS,
]

PARTNERSHIPS = [
    *gyeonggi_cohort.PARTNERSHIPS,
    *offenbach.PARTNERSHIPS,
    *ningde.PARTNERSHIPS,
]


def programs(today: date) -> list[dict]:
    """Every demo program. `status` is reached through program_transition."""
    return [
        *gyeonggi.programs(today),
        *offenbach.programs(today),
        *ningde.programs(today),
        *shanghai.programs(today),
    ]


INVITATIONS = gyeonggi_staff.INVITATIONS

# Applications: the Gyeonggi cohort in every state of the lifecycle, and the Guiyang spine
# surgeon's application to the Offenbach fellowship.
APPLICATIONS = [*gyeonggi_cohort.APPLICATIONS, *offenbach.APPLICATIONS]
APPLICATION_PROGRAMS = {
    "gyeonggi": gyeonggi.APPLICATION_PROGRAM,
    "offenbach": offenbach.APPLICATION_PROGRAM,
}
APPLICATION_PATHS = common.APPLICATION_PATHS
MOTIVATION = common.MOTIVATION

FELLOWSHIP_PLAN_SUMMARY = offenbach.FELLOWSHIP_PLAN_SUMMARY
FELLOWSHIP_PLAN = offenbach.FELLOWSHIP_PLAN

EXTRA_SUPERVISORS = gyeonggi_staff.EXTRA_SUPERVISORS

# Getting there (issue 14): visa lead times, visas, arrivals and pickups.
VISA_LEAD_TIMES = arrivals.LEAD_TIMES
TRAVEL = arrivals.TRAVEL
