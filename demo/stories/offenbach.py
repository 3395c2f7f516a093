"""Sana Klinikum Offenbach's spine surgery fellowship (seed 000): a spine surgeon from
Guiyang Fourth People's Hospital spends two years in the Department of Spinal Orthopaedics
towards a German MD, under a professor who also offers him a room in his house; the
Guangzhou agency Gloryren brokered the placement. With the fellowship's training plan."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.stories.common import email, plus_years

OFFENBACH = "Sana Klinikum Offenbach"
GLORYREN = "Guangzhou Gloryren Medical Technology Co., Ltd"
GUIYANG_4 = "Guiyang Fourth People's Hospital"
SANA_HOSPITAL = "Sana Klinikum Offenbach"

SPINE_DEPARTMENT = "Department of Spinal Orthopaedics and Reconstructive Orthopaedics"

HOSTS = [
    {
        "name": OFFENBACH,
        "name_native": "",
        "kind": "host",
        "country": "DE",
        "city": "Offenbach am Main",
        "time_zone": "Europe/Berlin",
        # The fellow's invitation letter carries a German copy for the local authorities.
        "letter_language": "de",
    },
]

SENDING = [
    {
        "name": GUIYANG_4,
        "name_native": "贵阳市第四人民医院",
        "kind": "sending",
        "country": "CN",
        "city": "Guiyang",
        "time_zone": "Asia/Shanghai",
    },
]

# The agency that brokered the fellowship.
AGENCIES = [
    {
        "name": GLORYREN,
        "name_native": "",
        "kind": "agency",
        "country": "CN",
        "city": "Guangzhou",
        "time_zone": "Asia/Shanghai",
    },
]

HOSPITALS = [
    {
        "organisation": OFFENBACH,
        "name": SANA_HOSPITAL,
        "name_native": "",
        "city": "Offenbach am Main",
        "country": "DE",
        "kind": "university",
        "grade": "Academic teaching hospital of Goethe University Frankfurt",
        "beds": 900,
        "international_office_name": "Julia Schneider",
        "international_office_email": "international.offenbach@example.org",
        "international_office_phone": "+49 69 5550 1201",
        "latitude": "50.094500",
        "longitude": "8.781000",
        "description": "Academic teaching hospital of Goethe University Frankfurt with over "
        "900 beds, around 2,300 employees and about 39,000 inpatient cases a year.",
        "departments": [
            {"specialty": "spine-surgery", "name": SPINE_DEPARTMENT, "capacity": 2},
        ],
    },
    {
        "organisation": GUIYANG_4,
        "name": GUIYANG_4,
        "name_native": "贵阳市第四人民医院",
        "city": "Guiyang",
        "country": "CN",
        "kind": "specialty",
        "grade": "Guiyang Orthopedics Hospital",
        "latitude": "26.595000",
        "longitude": "106.713000",
        "departments": [],
    },
]

COORDINATORS = [
    {
        "email": email("coordinator-offenbach"),
        "first_name": "Anna",
        "last_name": "Becker",
        "native_name": "",
        "language": "de",
        "time_zone": "Europe/Berlin",
        "coordinator_of": OFFENBACH,
        "login": "Coordinator — Sana Klinikum Offenbach",
    },
]

# The professor who also offers his house.
SUPERVISORS = [
    {
        "email": email("klaus.hartmann"),
        "first_name": "Klaus",
        "last_name": "Hartmann",
        "native_name": "",
        "language": "de",
        "time_zone": "Europe/Berlin",
        "supervises": [
            (SANA_HOSPITAL, "spine-surgery", "Prof. Dr. med., Chief of the Department", 2)
        ],
    },
]

# The professor's household hosts the fellow for his first months (seed 000: "he can stay
# in my house for a while"): the family manages the guest-room listing and sees its guest;
# the professor, its contact, got the proposal by e-mail and accepted it by the link.
HOST_FAMILY_PEOPLE = [
    {
        "email": email("host"),
        "first_name": "Sabine",
        "last_name": "Hartmann",
        "native_name": "",
        "language": "de",
        "time_zone": "Europe/Berlin",
        "login": "Host family — the Hartmanns' guest room, Offenbach",
    },
]
# The guest room for the first months; then a flat of his own (reminders before it ends).
HOST_STAY_DAYS = 92

# The Guiyang spine surgeon going to Offenbach.
TRAINEES = [
    {
        "email": email("li.wei"),
        "first_name": "Wei",
        "last_name": "Li",
        "native_name": "李伟",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "from_hospital": GUIYANG_4,
        "specialty": "spine-surgery",
    },
]

PARTNERSHIPS = [
    {
        "host": OFFENBACH,
        "partner": GLORYREN,
        "title": "Fellowship placements brokered by Guangzhou Gloryren Medical Technology",
        "signed_on": date(2022, 6, 1),
        "yearly_quota": 1,
        "notes": "The agency finds candidates among Chinese spine centres, prepares their "
        "documents and helps with travel; the department provides the supervisor and the "
        "training plan.",
    },
]


def programs(today: date) -> list[dict]:
    window_opens = today - timedelta(days=30)

    # "Next February", far enough ahead for a visa and the search for housing.
    fellowship_start = date(today.year, 2, 1)
    while fellowship_start < today + timedelta(days=60):
        fellowship_start = plus_years(fellowship_start, 1)
    fellowship = {
        "organisation": OFFENBACH,
        "kind": "fellowship",
        "title": "Spine surgery fellowship (MD track)",
        "summary": "Two years in the Department of Spinal Orthopaedics and Reconstructive "
        "Orthopaedics, towards a German MD degree at Goethe University Frankfurt.",
        "description": "One spine surgeon joins the department for two years under a named "
        "professor, who writes a personal training plan for research and clinical practice. "
        "The fellow takes an active part in all clinical work: outpatient clinics, ward "
        "rounds, case discussions and surgeries, including complex deformity and spinal "
        "tumour operations.\n\n"
        "The first six months include a German language course arranged by the department. "
        "The supervisor picks the fellow up at Frankfurt airport and, until a flat is found, "
        "offers a room in his own house (host family).",
        "start_date": fellowship_start,
        "end_date": plus_years(fellowship_start, 2) - timedelta(days=1),
        "application_opens": window_opens,
        "application_closes": fellowship_start - timedelta(days=30),
        "seats": 1,
        "specialties": ["spine-surgery", "orthopedics"],
        "working_language": "de",
        "min_language_level": "B1",
        "language_notes": "A six-month German course is included at the start of the fellowship.",
        "required_documents": [
            "passport",
            "photo",
            "diploma",
            "licence",
            "cv",
            "language_certificate",
            "health_insurance",
            "vaccination",
        ],
        "covers_travel": False,
        "covers_stipend": False,
        "covers_housing": True,
        "covers_meals": False,
        "fee": Decimal("0"),
        "currency": "EUR",
        "cost_notes": "Housing: the supervisor offers a room in his family home until the "
        "fellow finds a flat. Travel and living costs are the fellow's.",
        "rotation": [
            {
                "hospital": SANA_HOSPITAL,
                "department": SPINE_DEPARTMENT,
                "start_date": fellowship_start,
                "end_date": plus_years(fellowship_start, 2) - timedelta(days=1),
                "capacity": 1,
            }
        ],
        "status": "published",
        "by": email("coordinator-offenbach"),
    }
    return [fellowship]


# The program the Guiyang surgeon applies to: organisation, title.
APPLICATION_PROGRAM = (OFFENBACH, "Spine surgery fellowship (MD track)")
APPLICATIONS = [
    {"trainee": email("li.wei"), "program": "offenbach", "status": "accepted"},
]

# The fellowship's training plan: week, activity, description.
FELLOWSHIP_PLAN_SUMMARY = (
    "Minimally invasive spine surgery: from the outpatient clinic to the operating room, "
    "with German lessons on two afternoons a week."
)
FELLOWSHIP_PLAN = [
    (1, "outpatient", "Spine outpatient clinic with Prof. Hartmann, Monday and Thursday"),
    (1, "ward_round", "Morning ward round, 7:30, every day"),
    (1, "language", "German course, Tuesday and Friday afternoons"),
    (2, "surgery", "Observe endoscopic discectomies"),
    (2, "case_discussion", "Wednesday case conference: indications for fusion"),
    (3, "surgery", "Assist in minimally invasive lumbar fusion"),
    (4, "lecture", "Department seminar: present a case from Guiyang"),
]
