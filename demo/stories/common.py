"""What the stories share: the demo login, specialties and their department names, the
site administrator, the application lifecycle, and the date helpers the programs use."""

from __future__ import annotations

from datetime import date

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 — published on purpose: it is the demo login
DEMO_DOMAIN = "demo.exchange-portal.org"

# slug → name
SPECIALTIES = {
    "general-surgery": "General surgery",
    "neurosurgery": "Neurosurgery",
    "orthopedics": "Orthopedics",
    "urology": "Urology",
    "obstetrics-gynecology": "Obstetrics and gynecology",
    "cardiovascular-surgery": "Cardiovascular surgery",
    "spine-surgery": "Spine surgery",
    "gastroenterology": "Gastroenterology",
    "ophthalmology": "Ophthalmology",
    "oncology": "Oncology",
    "cardiology": "Cardiology",
    "pediatric-liver-transplantation": "Pediatric liver transplantation",
}

# Department names used when a hospital does not name its department otherwise.
DEPARTMENT_NAMES = {
    "general-surgery": "Department of General Surgery",
    "neurosurgery": "Department of Neurosurgery",
    "orthopedics": "Department of Orthopedic Surgery",
    "urology": "Department of Urology",
    "obstetrics-gynecology": "Department of Obstetrics and Gynecology",
    "cardiovascular-surgery": "Department of Thoracic and Cardiovascular Surgery",
    "spine-surgery": "Department of Spine Surgery",
    "gastroenterology": "Department of Gastroenterology",
    "ophthalmology": "Department of Ophthalmology",
    "oncology": "Department of Oncology",
    "cardiology": "Department of Cardiology",
    "pediatric-liver-transplantation": "Department of Pediatric Liver Transplantation",
}


def departments(*slugs_and_capacities: tuple[str, int]) -> list[dict]:
    return [
        {"specialty": slug, "name": DEPARTMENT_NAMES[slug], "capacity": capacity}
        for slug, capacity in slugs_and_capacities
    ]


def email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


# Demo logins share DEMO_PASSWORD; `login` says the role shown in the command's output.
# Everyone else gets an unusable password.
ADMIN = {
    "email": email("admin"),
    "first_name": "Demo",
    "last_name": "Administrator",
    "native_name": "",
    "language": "en",
    "time_zone": "UTC",
    "superuser": True,
    "login": "Site administrator (Django admin)",
}

# The path through the lifecycle to each status: (status, who acts: trainee or coordinator).
APPLICATION_PATHS = {
    "draft": [],
    "submitted": [("submitted", "trainee")],
    "under_review": [("submitted", "trainee"), ("under_review", "coordinator")],
    "shortlisted": [("submitted", "trainee"), ("shortlisted", "coordinator")],
    "rejected": [
        ("submitted", "trainee"),
        ("under_review", "coordinator"),
        ("rejected", "coordinator"),
    ],
    "offered": [
        ("submitted", "trainee"),
        ("shortlisted", "coordinator"),
        ("offered", "coordinator"),
    ],
    "accepted": [
        ("submitted", "trainee"),
        ("shortlisted", "coordinator"),
        ("offered", "coordinator"),
        ("accepted", "trainee"),
    ],
    "withdrawn": [("submitted", "trainee"), ("withdrawn", "trainee")],
}

MOTIVATION = (
    "I want to learn the minimally invasive techniques used at your hospitals and bring them "
    "back to my department, where we see many trauma and spine patients. I have assisted in "
    "more than two hundred operations and can follow ward rounds in English."
)


# Programs: dates follow today so the demo always has something open for applications.


def first_of_month_after(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def plus_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years)
