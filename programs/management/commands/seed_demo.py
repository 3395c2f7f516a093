"""`manage.py seed_demo`: load the demo world of `demo.data` into the database.

Idempotent: every row is keyed on its natural key (get_or_create / update_or_create), so
running the command again updates the demo in place and creates nothing new. Program
statuses change only through `program_transition`, which writes the history rows.
"""

from __future__ import annotations

from datetime import date

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from demo import data
from hospitals.models import Department, Hospital, Partnership, Specialty, Supervisor
from programs.models import Program, RotationSite

HOSPITAL_FIELDS = [
    "name_native",
    "city",
    "country",
    "kind",
    "grade",
    "beds",
    "international_office_name",
    "international_office_email",
    "international_office_phone",
    "latitude",
    "longitude",
    "description",
]
HOSPITAL_DEFAULTS = {"grade": "", "beds": None, "description": ""} | {
    f"international_office_{part}": "" for part in ("name", "email", "phone")
}

# Everything but the title, which (with the organisation) is the program's natural key.
PROGRAM_FIELDS = [
    "kind",
    "summary",
    "description",
    "start_date",
    "end_date",
    "application_opens",
    "application_closes",
    "seats",
    "working_language",
    "min_language_level",
    "language_notes",
    "required_documents",
    "covers_travel",
    "covers_stipend",
    "covers_housing",
    "covers_meals",
    "fee",
    "currency",
    "cost_notes",
]

# Statuses a demo program passes through, in order, to reach its target.
STATUS_PATH = [Program.Status.DRAFT, Program.Status.PUBLISHED, Program.Status.CLOSED]


class Command(BaseCommand):
    help = "Create or refresh the demo data (real institutions from the seeds, invented people)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            seeder = DemoSeeder(today=timezone.localdate())
            seeder.run()

        self.stdout.write(self.style.SUCCESS("Demo data is in place:"))
        for label, model in [
            ("specialties", Specialty),
            ("organisations", Organisation),
            ("hospitals", Hospital),
            ("departments", Department),
            ("people", User),
            ("supervisors", Supervisor),
            ("partnerships", Partnership),
            ("programs", Program),
            ("rotation sites", RotationSite),
        ]:
            self.stdout.write(f"  {model.objects.count():>4} {label}")

        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Demo logins (password: {data.DEMO_PASSWORD})")
        )
        width = max(len(person["email"]) for person in seeder.logins)
        for person in seeder.logins:
            self.stdout.write(f"  {person['email']:<{width}}  →  {person['login']}")


class DemoSeeder:
    """One pass over `demo.data`, keeping the rows it touched for the next step."""

    def __init__(self, *, today: date) -> None:
        self.today = today
        self.specialties: dict[str, Specialty] = {}
        self.organisations: dict[str, Organisation] = {}
        self.hospitals: dict[str, Hospital] = {}
        self.people: dict[str, User] = {}
        self.logins = [person for person in data.PEOPLE if person.get("login")]

    def run(self) -> None:
        self.seed_specialties()
        self.seed_organisations()
        self.seed_hospitals()
        self.seed_people()
        self.seed_supervisors()
        self.seed_partnerships()
        self.seed_programs()
        self.seed_invitations()
        self.seed_trainee_profiles()
        self.seed_applications()
        self.seed_pending_schedules()
        self.seed_housing()

    def seed_specialties(self) -> None:
        for slug, name in data.SPECIALTIES.items():
            self.specialties[slug], _ = Specialty.objects.update_or_create(
                slug=slug, defaults={"name": name}
            )

    def seed_organisations(self) -> None:
        for row in data.ORGANISATIONS:
            self.organisations[row["name"]], _ = Organisation.objects.update_or_create(
                name=row["name"],
                country=row["country"],
                defaults={key: row[key] for key in ("name_native", "kind", "city")},
            )

    def seed_hospitals(self) -> None:
        for row in data.HOSPITALS:
            row = HOSPITAL_DEFAULTS | row
            hospital, _ = Hospital.objects.update_or_create(
                organisation=self.organisations[row["organisation"]],
                name=row["name"],
                defaults={key: row[key] for key in HOSPITAL_FIELDS},
            )
            self.hospitals[hospital.name] = hospital
            for department in row["departments"]:
                Department.objects.update_or_create(
                    hospital=hospital,
                    name=department["name"],
                    defaults={
                        "specialty": self.specialties[department["specialty"]],
                        "capacity": department["capacity"],
                    },
                )

    def seed_people(self) -> None:
        for row in data.PEOPLE:
            superuser = row.get("superuser", False)
            coordinator_of = row.get("coordinator_of")
            user, created = User.objects.update_or_create(
                email=row["email"],
                defaults={
                    "first_name": row["first_name"],
                    "last_name": row["last_name"],
                    "native_name": row["native_name"],
                    "language": row["language"],
                    "time_zone": row["time_zone"],
                    "coordinator_of": self.organisations[coordinator_of]
                    if coordinator_of
                    else None,
                    "is_staff": superuser,
                    "is_superuser": superuser,
                },
            )
            if row.get("login"):
                if not user.check_password(data.DEMO_PASSWORD):
                    user.set_password(data.DEMO_PASSWORD)
                    user.save(update_fields=["password"])
            elif created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            self.people[user.email] = user

    def seed_supervisors(self) -> None:
        for row in data.PEOPLE:
            for hospital, specialty, title, max_trainees in row.get("supervises", []):
                Supervisor.objects.update_or_create(
                    user=self.people[row["email"]],
                    department=self.hospitals[hospital].departments.get(specialty__slug=specialty),
                    defaults={"title": title, "max_trainees": max_trainees},
                )

    def seed_applications(self) -> None:
        """Applications go through the same services as in the product, so each has its
        history; an application that exists is left as it is."""
        from applications import services
        from applications.models import Application

        programs = {}
        for key, (organisation, title) in data.APPLICATION_PROGRAMS.items():
            programs[key] = (
                Program.objects.filter(
                    organisation=self.organisations[organisation],
                    title=title.format(year=self.today.year + 1),
                ).first()
                or Program.objects.filter(
                    organisation=self.organisations[organisation],
                    status=Program.Status.PUBLISHED,
                    title__startswith=title.split("{")[0],
                )
                .order_by("-start_date")
                .first()
            )
        for row in data.APPLICATIONS:
            program = programs[row["program"]]
            trainee = self.people[row["trainee"]]
            if program is None or Application.objects.filter(program=program, trainee=trainee):
                continue
            coordinator = program.organisation.coordinators.order_by("pk").first()
            application = services.application_start(program=program, trainee=trainee)
            specialty = next(
                (p.get("specialty") for p in data.PEOPLE if p["email"] == row["trainee"]), None
            )
            sites = list(program.rotation_sites.select_related("department__specialty"))
            if program.kind == Program.Kind.COHORT_ROTATION:
                ranked = sorted(sites, key=lambda s: s.department.specialty.slug != specialty)
                services.application_save_draft(
                    application=application,
                    by=trainee,
                    motivation=data.MOTIVATION,
                    rotation_sites=ranked[:3],
                )
            else:
                services.application_save_draft(
                    application=application,
                    by=trainee,
                    motivation=data.MOTIVATION,
                    specialties=list(program.specialties.all())[:2],
                )
            if "nomination" in program.required_documents or row["status"] != "draft":
                self.seed_letter(services, application, trainee, program)
            for status, actor in data.APPLICATION_PATHS[row["status"]]:
                by = trainee if actor == "trainee" else coordinator
                if status == "offered":
                    self.schedule_and_approve(application, coordinator)
                    services.offer_make(application=application, by=by)
                else:
                    services.application_transition(
                        application=application,
                        to=status,
                        by=by,
                        reason="Demo data (seed_demo)" if status == "rejected" else "",
                    )

    def seed_trainee_profiles(self) -> None:
        """Profiles and documents for the demo trainees, so their applications are complete.
        The documents are one-page placeholder PDFs; uploads go through the same service as
        in the product. Existing profiles and documents are left as they are."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from programs.models import DocumentType
        from trainees import services as trainees
        from trainees.models import Document, TraineeProfile
        from trainees.selectors import NOT_UPLOADED

        hospitals = {row["name"]: row for row in data.HOSPITALS}
        for number, row in enumerate(p for p in data.PEOPLE if p.get("from_hospital")):
            user = self.people[row["email"]]
            hospital = hospitals.get(row["from_hospital"], {})
            if not TraineeProfile.objects.filter(user=user).exists():
                trainees.profile_save(
                    user=user,
                    data={
                        "date_of_birth": date(1978 + number % 12, 1 + number % 12, 3 + number),
                        "sex": row.get("sex", "M"),
                        "nationality": hospital.get("country", "RU"),
                        "passport_number": f"{70 + number} {4012345 + 7919 * number}",
                        "current_hospital": row["from_hospital"],
                        "current_position": row.get("position", "Attending physician"),
                        "specialty": self.specialties.get(row.get("specialty", "")),
                        "years_of_practice": 6 + number % 15,
                        "phone": f"+7 423 2{number:02d} 33 44"
                        if hospital.get("country", "RU") == "RU"
                        else f"+86 851 8{number:02d} 1234",
                        "emergency_contact_name": row.get("emergency_contact", ""),
                    },
                    languages=[("en", "B1"), (row["language"][:2], "C2")],
                )
            for code in DocumentType.values:
                if code in NOT_UPLOADED:
                    continue
                if Document.objects.filter(owner=user, type=code, is_current=True).exists():
                    continue
                trainees.document_upload(
                    owner=user,
                    type=code,
                    file=SimpleUploadedFile(f"{code}.pdf", data.placeholder_pdf(code, user)),
                    expires_on=self.today.replace(year=self.today.year + 8)
                    if code == DocumentType.PASSPORT
                    else None,
                )

    @staticmethod
    def seed_letter(services, application, trainee, program) -> None:
        """A nomination letter from the regional ministry of health (as in seed 002), asked
        for and uploaded through the same services as in the product."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        request = services.referee_request_create(
            application=application,
            by=trainee,
            kind="nomination",
            name="International Department, Ministry of Health",
            email=f"nomination+{trainee.pk}@demo.exchange-portal.org",
            organisation="Regional Ministry of Health",
        )
        services.referee_letter_upload(
            request=request,
            file=SimpleUploadedFile(
                "nomination.pdf", data.placeholder_pdf("nomination letter", trainee)
            ),
        )

    def schedule_and_approve(self, application, coordinator) -> None:
        """Plan the applicant's rotation as a coordinator would (the suggestion, then send
        it) and let the supervisors approve this applicant's placements, so an offer can go
        out; other applicants' requests stay pending with their supervisors."""
        from placements import services as placements
        from placements.models import Placement

        program = application.program
        if program.kind == Program.Kind.FELLOWSHIP:
            role = (
                Supervisor.objects.filter(
                    department__in=program.rotation_sites.values("department")
                )
                .select_related("user", "department")
                .first()
            )
            if role is None or application.placements.exists():
                return
            placements.fellowship_place(application=application, supervisor=role, by=coordinator)
        else:
            self.ensure_department_supervisors(program)
            placements.suggest_apply(program=program, by=coordinator)
        placements.propose_planned(program=program, by=coordinator)
        for placement in application.placements.filter(status=Placement.Status.PROPOSED):
            placements.placement_decide(
                placement=placement, by=placement.supervisor.user, approve=True
            )
            if program.kind == Program.Kind.FELLOWSHIP:
                from placements.plans import plan_save

                plan_save(
                    placement=placement,
                    by=placement.supervisor.user,
                    summary=data.FELLOWSHIP_PLAN_SUMMARY,
                    activities=[
                        {"week": week, "kind": kind, "description": text}
                        for week, kind, text in data.FELLOWSHIP_PLAN
                    ],
                    publish=True,
                )

    def ensure_department_supervisors(self, program) -> None:
        departments = (
            Department.objects.filter(rotation_sites__program=program, supervisors__isnull=True)
            .distinct()
            .order_by("pk")
        )
        names = iter(data.EXTRA_SUPERVISORS)
        for department in departments:
            first, last, native = next(names, ("Demo", f"Supervisor{department.pk}", ""))
            user, created = User.objects.get_or_create(
                email=f"{first}.{last}@demo.exchange-portal.org".lower(),
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "native_name": native,
                    "language": "ko",
                    "time_zone": "Asia/Seoul",
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            Supervisor.objects.get_or_create(
                user=user,
                department=department,
                defaults={"title": "Head of department", "max_trainees": 3},
            )

    def seed_pending_schedules(self) -> None:
        """Shortlisted applicants get their planned rotation sent to the supervisors, who
        have not answered yet."""
        from applications.models import Application
        from placements import services as placements

        for program in Program.objects.filter(
            applications__status=Application.Status.SHORTLISTED, kind=Program.Kind.COHORT_ROTATION
        ).distinct():
            coordinator = program.organisation.coordinators.order_by("pk").first()
            self.ensure_department_supervisors(program)
            placements.suggest_apply(program=program, by=coordinator)
            placements.propose_planned(program=program, by=coordinator)

    def seed_housing(self) -> None:
        """A staff dormitory beside each Gyeonggi host hospital, two partner apartments, and
        the Offenbach professor's guest room (seed 000); the accepted trainees ask for
        housing and the matching runs, as a coordinator would; one stay is confirmed."""
        from decimal import Decimal

        from accommodation import services as housing
        from accommodation.models import (
            Availability,
            Bed,
            HousingRequest,
            MatchingRun,
            Provider,
            Stay,
        )
        from applications.models import Application

        if Provider.objects.exists():
            return
        year = self.today.year + 1
        window = (date(year - 1, 1, 1), date(year + 2, 12, 31))

        def add(provider, beds):
            for label, policy, price in beds:
                bed = Bed.objects.create(
                    provider=provider,
                    label=label,
                    gender_policy=policy,
                    price_per_night=Decimal(price),
                    currency="EUR" if provider.city.startswith("Offenbach") else "KRW",
                )
                Availability.objects.create(bed=bed, start=window[0], end=window[1])

        gyeonggi = self.organisations[data.GYEONGGI]
        for hospital in Hospital.objects.filter(organisation=gyeonggi, latitude__isnull=False):
            dorm = Provider.objects.create(
                organisation=gyeonggi,
                name=f"{hospital.name} staff dormitory",
                name_native=f"{hospital.name_native} 기숙사" if hospital.name_native else "",
                kind=Provider.Kind.DORMITORY,
                address=f"Next to {hospital.name}",
                city=hospital.city,
                latitude=hospital.latitude + Decimal("0.003"),
                longitude=hospital.longitude + Decimal("0.002"),
                contact_name="International office",
                contact_email=f"dormitory+{hospital.pk}@demo.exchange-portal.org",
                house_rules="Quiet after 22:00. Shared kitchen on each floor.",
                languages="Korean, English",
            )
            add(
                dorm,
                [
                    ("Room 101 A", "any", "25000"),
                    ("Room 101 B", "any", "25000"),
                    ("Room 201", "women", "25000"),
                    ("Room 202", "men", "25000"),
                ],
            )
        for city, lat, lon in (
            ("Suwon", "37.266000", "127.000000"),
            ("Bucheon", "37.503000", "126.766000"),
        ):
            flat = Provider.objects.create(
                organisation=gyeonggi,
                name=f"Academy partner apartments, {city}",
                kind=Provider.Kind.APARTMENT,
                address=f"{city} city centre",
                city=city,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                contact_name="Academy housing desk",
                contact_email=f"apartments.{city.lower()}@demo.exchange-portal.org",
                languages="Korean, English, Russian",
            )
            add(
                flat,
                [
                    ("Studio 1", "any", "55000"),
                    ("Studio 2", "any", "55000"),
                    ("Family flat", "any", "80000"),
                ],
            )
        offenbach = self.organisations[data.OFFENBACH]
        sana = Hospital.objects.filter(organisation=offenbach, latitude__isnull=False).first()
        if sana is not None:
            host = Provider.objects.create(
                organisation=offenbach,
                name="The Hartmann family",
                kind=Provider.Kind.HOST_FAMILY,
                address="A quiet street near the clinic",
                city=sana.city,
                latitude=sana.latitude + Decimal("0.010"),
                longitude=sana.longitude + Decimal("0.006"),
                contact_name="Klaus Hartmann",
                contact_email="klaus.hartmann@demo.exchange-portal.org",
                managed_by=User.objects.filter(email__startswith="klaus.hartmann").first(),
                house_rules="Breakfast with the family; the guest room has its own bathroom.",
                languages="German, English",
            )
            Bed.objects.create(
                provider=host, label="Guest room", price_per_night=Decimal("0"), currency="EUR"
            )
            Availability.objects.create(bed=host.beds.get(), start=window[0], end=window[1])
        for application in Application.objects.filter(status=Application.Status.ACCEPTED):
            if HousingRequest.objects.filter(application=application).exists():
                continue
            start, end = housing.default_dates(application)
            housing.request_save(
                application=application,
                by=application.trainee,
                data={
                    "start": start,
                    "end": end,
                    "budget_per_night": Decimal("60000")
                    if application.program.organisation == gyeonggi
                    else Decimal("30"),
                    "with_family": False,
                    "needs_accessible": False,
                    "smoker": False,
                    # The academy's shuttle links the eight hospitals: the cohort lives centrally.
                    "max_km": 50,
                    "notes": "",
                },
            )
        for organisation in (gyeonggi, offenbach):
            coordinator = organisation.coordinators.order_by("pk").first()
            run = MatchingRun.objects.create(organisation=organisation, requested_by=coordinator)
            housing.run_execute(run.pk)
            first = (
                Stay.objects.filter(
                    status=Stay.Status.PROPOSED, bed__provider__organisation=organisation
                )
                .order_by("pk")
                .first()
            )
            if first is not None:
                housing.stay_confirm(stay=first, by=coordinator)

    def seed_invitations(self) -> None:
        from accounts.models import Invitation

        for row in data.INVITATIONS:
            invitation, created = Invitation.objects.get_or_create(
                organisation=self.organisations[row["organisation"]],
                email=row["email"],
                role=row["role"],
                defaults={
                    "invited_by": self.people[row["invited_by"]],
                    "max_trainees": row["max_trainees"],
                },
            )
            if created:
                invitation.departments.set(
                    self.hospitals[hospital].departments.get(specialty__slug=specialty)
                    for hospital, specialty in row["departments"]
                )

    def seed_partnerships(self) -> None:
        for row in data.PARTNERSHIPS:
            Partnership.objects.update_or_create(
                host=self.organisations[row["host"]],
                partner=self.organisations[row["partner"]],
                title=row["title"],
                defaults={
                    "signed_on": row["signed_on"],
                    "expires_on": row.get("expires_on"),
                    "yearly_quota": row.get("yearly_quota"),
                    "notes": row.get("notes", ""),
                },
            )

    def seed_programs(self) -> None:
        """Programs and rotation sites go through the same services a coordinator uses;
        an existing row is updated only where the demo data differs from it."""
        from programs.services import program_create, program_update

        for row in data.programs(self.today):
            by = self.people[row["by"]]
            fields = {key: row[key] for key in PROGRAM_FIELDS}
            specialties = [self.specialties[slug] for slug in row["specialties"]]
            program = Program.objects.filter(
                organisation=self.organisations[row["organisation"]], title=row["title"]
            ).first()
            if program is None:
                program = program_create(
                    by=by, data=fields | {"title": row["title"]}, specialties=specialties
                )
            elif _differs(program, fields) or set(program.specialties.all()) != set(specialties):
                program = program_update(
                    program=program, by=by, data=fields, specialties=specialties
                )
            for site in row["rotation"]:
                self.seed_rotation_site(program, site, by=by)
            self.reach_status(program, row["status"], by=by)

    def seed_rotation_site(self, program: Program, site: dict, *, by: User) -> None:
        """A site names one department, or a hospital: then every department of it takes
        part, each with its own capacity."""
        from programs.services import rotation_site_create, rotation_site_update

        departments = self.hospitals[site["hospital"]].departments.all()
        if "department" in site:
            departments = departments.filter(name=site["department"])
        for department in departments:
            fields = {
                "department": department,
                "start_date": site["start_date"],
                "end_date": site["end_date"],
                "capacity": site.get("capacity", department.capacity),
            }
            existing = RotationSite.objects.filter(
                program=program, department=department, start_date=site["start_date"]
            ).first()
            if existing is None:
                rotation_site_create(program=program, by=by, **fields)
            elif _differs(existing, fields):
                rotation_site_update(site=existing, by=by, **fields)

    def reach_status(self, program: Program, target: str, *, by: User) -> None:
        """Walk draft → published → closed up to `target`; a program already there (or
        beyond) is left alone, so a rerun writes no new history."""
        from programs.services import program_transition

        for status in STATUS_PATH[1 : STATUS_PATH.index(target) + 1]:
            if STATUS_PATH.index(program.status) < STATUS_PATH.index(status):
                program_transition(
                    program=program, to=status, by=by, reason="Demo data (seed_demo)"
                )
                program.refresh_from_db()


def _differs(row, fields: dict) -> bool:
    return any(getattr(row, key) != value for key, value in fields.items())
