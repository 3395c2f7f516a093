"""The large academy of issue 19, built for `bench/load.py` (and its smoke test).

One host organisation (Gyeonggi, Asia/Seoul) with 8 hospitals of 5 departments (8
specialties), a coordinator, 2 supervisors per department (80); one published 12-week
cohort program with 40 rotation sites (one per department, 14 places a week each); a
second, 4-week program taking the applications beyond one per trainee; `trainees`
visiting doctors, `applications` applications (one per trainee to the big program, the
rest to the second one), `scheduled` of the big program's applications shortlisted and
scheduled over the 12 weeks and sent to the supervisors; four in five of those approved by
the supervisors and offered a seat, nine in ten of the offers accepted (the readiness page
lists those; the rest of the requests wait in the supervisors' inboxes).

What goes through the project's services (the same calls a coordinator makes):
hospitals, departments, supervisors, both programs, their rotation sites and publication
(hospitals/programs services); shortlisting the `scheduled` applications
(`applications.services.bulk_transition`, one transaction each, with its notifications);
the schedule (`placements.suggestions.suggest_and_apply`: the engine's plan, applied in one
transaction under the capacity locks) and sending it to the supervisors
(`placements.services.propose_planned`), the supervisors' answers
(`placements.services.bulk_approve`), offers and acceptances
(`applications.services.offer_make`, `offer_accept`: the acceptance queues the visa
invitation letter, which the Celery worker writes once it runs).

What is bulk-inserted, because one service call per trainee would take tens of minutes on
a small machine and tests nothing the load test looks at: the trainees' accounts (verified
e-mail, privacy notice accepted, unusable password), their profiles, their documents
(rows only: the files are not on disk, no page of the load test opens one), their
applications with ranked preferences and their status history (draft → submitted, some
rejected), in the statuses the services would have given them.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from applications import services as applications
from applications.models import Application, Preference, StatusChange
from hospitals import services as hospitals
from hospitals.models import Department, Hospital
from placements import services as placements
from placements import suggestions
from placements.models import Placement
from programs import services as programs
from programs.models import Program, RotationSite
from reference.models import Specialty
from trainees.models import Document, TraineeProfile

ORGANISATION = "Gyeonggi Global Healthcare Academy (load test)"
COORDINATOR_EMAIL = "coordinator@load.exchange-portal.org"
TITLE = "Academy cohort, 12 weeks"
SPECIALTIES = [
    ("Neurosurgery", "load-neurosurgery"),
    ("Orthopedics", "load-orthopedics"),
    ("Urology", "load-urology"),
    ("Cardiology", "load-cardiology"),
    ("General surgery", "load-general-surgery"),
    ("Oncology", "load-oncology"),
    ("Pediatrics", "load-pediatrics"),
    ("Anesthesiology", "load-anesthesiology"),
]
HOSPITALS = [
    ("Myongji Hospital", "명지병원", "Goyang"),
    ("Ajou University Hospital", "아주대학교병원", "Suwon"),
    ("Hallym University Sacred Heart Hospital", "한림대학교성심병원", "Anyang"),
    ("CHA Bundang Medical Center", "분당차병원", "Seongnam"),
    ("Inha University Hospital", "인하대병원", "Incheon"),
    ("Uijeongbu St. Mary's Hospital", "의정부성모병원", "Uijeongbu"),
    ("Gyeonggi Provincial Medical Center Suwon", "경기도의료원 수원병원", "Suwon"),
    ("Seoul National University Bundang Hospital", "분당서울대학교병원", "Seongnam"),
]
REQUIRED_DOCUMENTS = ["passport", "diploma", "cv"]
FIRST = ["Ivan", "Olga", "Dmitry", "Anna", "Wei", "Li", "Aigerim", "Bolat", "Sergei", "Mei"]
LAST = ["Petrov", "Ivanova", "Smirnov", "Volkova", "Zhang", "Wang", "Nurlanova", "Kim"]
NATIVE = ["Иван Петров", "Ольга Иванова", "张伟", "李娜", "Айгерим Нурланова", "김민지"]
WEEKS = 12
SITE_CAPACITY = 14
SUPERVISORS_PER_DEPARTMENT = 2


@dataclass
class Academy:
    coordinator: User
    program: Program
    trainee: User  # a trainee with an accepted application (for the trainee's home)
    supervisor: User  # a supervisor with placements (for the inbox)


def sizes(trainees: int) -> dict[str, int]:
    """The issue's proportions (2,500 trainees, 3,611 applications, 500 scheduled) at any
    size; site capacity keeps ~10 % spare room every week."""
    return {
        "trainees": trainees,
        "applications": round(trainees * 3611 / 2500),
        "scheduled": max(trainees // 5, 1),
        "sites": 40,
    }


def find() -> Academy | None:
    """The academy built earlier in this database, or None."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is None:
        return None
    program = Program.objects.filter(organisation=organisation, title=TITLE).first()
    scheduled = (
        Application.objects.filter(program=program, status=Application.Status.ACCEPTED)
        .filter(placements__isnull=False)
        .order_by("pk")
        .first()
    )
    if program is None or scheduled is None:
        return None
    waiting = (
        Placement.objects.filter(application__program=program, status=Placement.Status.PROPOSED)
        .select_related("supervisor__user")
        .order_by("pk")
        .first()
    )
    placement = waiting or scheduled.placements.select_related("supervisor__user").first()
    return Academy(
        coordinator=User.objects.get(email=COORDINATOR_EMAIL),
        program=program,
        trainee=scheduled.trainee,
        supervisor=placement.supervisor.user,
    )


def build(trainees: int = 2500, *, seed: int = 19, log=print) -> Academy:
    """Build the academy in the current database (which holds no academy yet)."""
    started = time.perf_counter()

    def note(line: str) -> None:
        log(f"  {time.perf_counter() - started:6.1f} s  {line}")

    size = sizes(trainees)
    rng = random.Random(seed)
    today = timezone.localdate()
    coordinator, departments = _staff(note)
    program = _program(
        coordinator,
        departments,
        title=TITLE,
        start=today + timedelta(days=60),
        weeks=WEEKS,
    )
    second = _program(
        coordinator,
        departments[::10],
        title="Academy short course",
        start=today + timedelta(days=60 + 7 * WEEKS + 14),
        weeks=4,
    )
    note(f"programs and {len(departments)} rotation sites made")
    people = _trainees(size["trainees"], rng)
    note(f"{len(people)} trainees inserted")
    big = _applications(program, people, rng, scheduled=size["scheduled"])
    extra = size["applications"] - len(people)
    _applications(second, people[:extra], rng, scheduled=0)
    note(f"{len(people) + max(extra, 0)} applications inserted")
    chosen = big[: size["scheduled"]]
    moved, problems = applications.bulk_transition(
        applications=chosen, to=Application.Status.SHORTLISTED, by=coordinator
    )
    note(f"{moved} applications shortlisted through the service ({len(problems)} refused)")
    filled, empty = suggestions.suggest_and_apply(program=program, by=coordinator)
    note(f"suggest_and_apply: {filled} cells filled, {empty} left empty")
    sent, problems = placements.propose_planned(program=program, by=coordinator)
    note(f"propose_planned: {sent} placements sent to supervisors ({len(problems)} refused)")
    # Four in five scheduled applicants are approved and offered a seat; the requests of
    # the others wait in the supervisors' inboxes.
    offered = chosen[: len(chosen) * 4 // 5 or 1]
    by_supervisor: dict[User, list[Placement]] = {}
    for placement in Placement.objects.filter(
        application__in=offered, status=Placement.Status.PROPOSED
    ).select_related("supervisor__user", "application__program"):
        by_supervisor.setdefault(placement.supervisor.user, []).append(placement)
    approved = sum(
        placements.bulk_approve(placements=items, by=user)[0]
        for user, items in by_supervisor.items()
    )
    note(f"{approved} placements approved by {len(by_supervisor)} supervisors (bulk_approve)")
    accepted = 0
    for n, application in enumerate(offered):
        applications.offer_make(application=application, by=coordinator)
        if n % 10:  # one in ten leaves the offer open
            applications.offer_accept(application=application, by=application.trainee)
            accepted += 1
    note(f"{len(offered)} offers made (offer_make), {accepted} accepted (offer_accept)")
    academy = find()
    assert academy is not None, "nothing was scheduled"
    return academy


def _staff(log) -> tuple[User, list[Department]]:
    organisation = Organisation.objects.create(
        name=ORGANISATION,
        name_native="경기도 글로벌 의료 아카데미",
        country="KR",
        city="Suwon",
        time_zone="Asia/Seoul",
    )
    coordinator = _user(COORDINATOR_EMAIL, "Minji", "Kim", "김민지", coordinator_of=organisation)
    specialties = [
        Specialty.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in SPECIALTIES
    ]
    departments = []
    for number, (name, native, city) in enumerate(HOSPITALS):
        hospital = hospitals.hospital_create(
            organisation=organisation,
            data={
                "name": name,
                "name_native": native,
                "city": city,
                "country": "KR",
                "kind": Hospital.Kind.GENERAL,
            },
            by=coordinator,
        )
        for offset in range(5):
            specialty = specialties[(number + offset) % len(specialties)]
            department = hospitals.department_create(
                data={
                    "hospital": hospital,
                    "specialty": specialty,
                    "name": specialty.name,
                    "capacity": SITE_CAPACITY,
                },
                by=coordinator,
            )
            for n in range(SUPERVISORS_PER_DEPARTMENT):
                person = _user(
                    f"supervisor{department.pk}-{n}@load.exchange-portal.org",
                    "Jiho",
                    f"Supervisor{department.pk}{n}",
                    "이지호",
                )
                hospitals.supervisor_create(
                    user=person,
                    department=department,
                    title="Professor",
                    max_trainees=SITE_CAPACITY // SUPERVISORS_PER_DEPARTMENT + 1,
                    by=coordinator,
                )
            departments.append(department)
    log(f"{len(HOSPITALS)} hospitals, {len(departments)} departments, supervisors made")
    return coordinator, departments


def _user(email: str, first: str, last: str, native: str, **fields) -> User:
    user = User.objects.create(
        email=email,
        first_name=first,
        last_name=last,
        native_name=native,
        time_zone="Asia/Seoul",
        language="en",
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        privacy_notice_accepted_at=timezone.now(),
        **fields,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _program(
    coordinator: User, departments: list[Department], *, title: str, start: date, weeks: int
) -> Program:
    today = timezone.localdate()
    end = start + timedelta(days=7 * weeks - 1)
    program = programs.program_create(
        by=coordinator,
        data={
            "kind": Program.Kind.COHORT_ROTATION,
            "title": title,
            "summary": f"{weeks} weeks of rotations in Gyeonggi's hospitals.",
            "start_date": start,
            "end_date": end,
            "application_opens": today - timedelta(days=30),
            "application_closes": today + timedelta(days=30),
            "seats": 600,
            "required_documents": REQUIRED_DOCUMENTS,
        },
        specialties=list({d.specialty for d in departments}),
    )
    for department in departments:
        programs.rotation_site_create(
            program=program,
            by=coordinator,
            department=department,
            start_date=start,
            end_date=end,
            capacity=SITE_CAPACITY,
        )
    programs.program_transition(program=program, to=Program.Status.PUBLISHED, by=coordinator)
    return program


@transaction.atomic
def _trainees(count: int, rng: random.Random) -> list[User]:
    specialties = list(Specialty.objects.filter(slug__startswith="load-").order_by("pk"))
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"doctor{n:05d}@load.exchange-portal.org",
            first_name=FIRST[n % len(FIRST)],
            last_name=f"{LAST[n % len(LAST)]}{n:05d}",
            native_name=NATIVE[n % len(NATIVE)],
            time_zone=("Asia/Vladivostok", "Asia/Shanghai", "Asia/Almaty")[n % 3],
            language=("ru", "zh-hans", "en")[n % 3],
            password="!",  # unusable: they never sign in with a password here
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            privacy_notice_accepted_at=now,
        )
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    TraineeProfile.objects.bulk_create(
        TraineeProfile(
            user=user,
            date_of_birth=date(1975 + n % 20, 1 + n % 12, 1 + n % 28),
            nationality=("RU", "CN", "KZ", "MN")[n % 4],
            specialty=specialties[n % len(specialties)],
            current_hospital="Regional Clinical Hospital",
            years_of_practice=3 + n % 15,
        )
        for n, user in enumerate(users)
    )
    Document.objects.bulk_create(
        Document(
            owner=user,
            type=code,
            file=f"trainees/documents/load-{user.pk}-{code}.pdf",
            extension=".pdf",
            content_type="application/pdf",
            size=120_000,
        )
        for n, user in enumerate(users)
        # one in eight lacks the CV: "documents incomplete" in the review list
        for code in REQUIRED_DOCUMENTS[: 2 if n % 8 == 0 else 3]
    )
    rng.shuffle(users)
    return users


@transaction.atomic
def _applications(
    program: Program, people: list[User], rng: random.Random, *, scheduled: int
) -> list[Application]:
    """One application per person, submitted with 3-5 ranked sites (mostly of their
    specialty); after the first `scheduled` (left submitted for the coordinator to
    shortlist), one in ten is a draft and one in ten was rejected."""
    sites = list(program.rotation_sites.select_related("department"))
    by_specialty: dict[int, list[RotationSite]] = {}
    for site in sites:
        by_specialty.setdefault(site.department.specialty_id, []).append(site)
    specialty_of = dict(
        TraineeProfile.objects.filter(user__in=people).values_list("user_id", "specialty_id")
    )
    now = timezone.now()
    S = Application.Status
    statuses = [
        S.SUBMITTED if n < scheduled else (S.DRAFT, S.REJECTED, *[S.SUBMITTED] * 8)[n % 10]
        for n in range(len(people))
    ]
    made = Application.objects.bulk_create(
        Application(
            program=program,
            trainee=person,
            status=status,
            motivation="I would like to learn your department's techniques and bring them home.",
            submitted_at=None if status == S.DRAFT else now - timedelta(hours=n % 500),
        )
        for n, (person, status) in enumerate(zip(people, statuses, strict=True))
    )
    preferences = []
    for application in made:
        own = by_specialty.get(specialty_of.get(application.trainee_id), [])
        wanted = rng.sample(own, min(len(own), rng.randint(2, 3)))
        others = [s for s in sites if s not in wanted]
        wanted += rng.sample(others, rng.randint(1, 2))
        preferences += [
            Preference(application=application, rank=rank, rotation_site=site)
            for rank, site in enumerate(wanted, 1)
        ]
    Preference.objects.bulk_create(preferences)
    history = []
    for application in made:
        if application.status == S.DRAFT:
            continue
        history.append(
            StatusChange(
                application=application,
                from_status=S.DRAFT,
                to_status=S.SUBMITTED,
                by=application.trainee,
                at=application.submitted_at,
            )
        )
        if application.status == S.REJECTED:
            history.append(
                StatusChange(
                    application=application,
                    from_status=S.SUBMITTED,
                    to_status=S.REJECTED,
                    by=program.organisation.coordinators.first(),
                    reason="Load test data",
                    at=now,
                )
            )
    StatusChange.objects.bulk_create(history)
    return made
