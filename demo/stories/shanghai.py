"""Shanghai's international medical centers (seed 003): Huashan Hospital's International
Medical Center, Renji Hospital's Pediatric Liver Transplant Center and Shanghai Children's
Medical Center; an observership, and a program still in draft."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.stories.common import departments, email, first_of_month_after

FUDAN_HUASHAN = "Fudan University Huashan Hospital"
SJTU_MEDICINE = "Shanghai Jiao Tong University School of Medicine"

HUASHAN = "Huashan Hospital"
RENJI = "Renji Hospital"
SCMC = "Shanghai Children's Medical Center"

HOSTS = [
    {
        "name": FUDAN_HUASHAN,
        "name_native": "复旦大学附属华山医院",
        "kind": "host",
        "country": "CN",
        "city": "Shanghai",
        "time_zone": "Asia/Shanghai",
    },
    {
        "name": SJTU_MEDICINE,
        "name_native": "上海交通大学医学院",
        "kind": "host",
        "country": "CN",
        "city": "Shanghai",
        "time_zone": "Asia/Shanghai",
    },
]

HOSPITALS = [
    {
        "organisation": FUDAN_HUASHAN,
        "name": HUASHAN,
        "name_native": "复旦大学附属华山医院",
        "city": "Shanghai",
        "country": "CN",
        "kind": "university",
        "grade": "Grade III-A; international medical department since 1989",
        "international_office_name": "International Medical Center — Tang Lihua (唐丽华)",
        "international_office_email": "imc.huashan@example.org",
        "international_office_phone": "+86 21 5550 1161",
        "latitude": "31.215500",
        "longitude": "121.443000",
        "description": "Fudan University hospital. Its International Medical Center, with an "
        "international medical department since 1989, leads Shanghai's draft International "
        "Medical Service Standard.",
        "departments": departments(("neurosurgery", 3)),
    },
    {
        "organisation": SJTU_MEDICINE,
        "name": RENJI,
        "name_native": "上海交通大学医学院附属仁济医院",
        "city": "Shanghai",
        "country": "CN",
        "kind": "university",
        "grade": "Grade III-A university hospital",
        "international_office_name": "Xu Qing (徐青)",
        "international_office_email": "international.renji@example.org",
        "international_office_phone": "+86 21 5550 1162",
        "latitude": "31.224600",
        "longitude": "121.526200",
        "description": "Its Pediatric Liver Transplant Center has led the world in the number "
        "of paediatric liver transplants for eleven consecutive years; it receives children "
        "from Malaysia, Singapore, France and elsewhere.",
        "departments": departments(("pediatric-liver-transplantation", 2)),
    },
    {
        "organisation": SJTU_MEDICINE,
        "name": SCMC,
        "name_native": "上海儿童医学中心",
        "city": "Shanghai",
        "country": "CN",
        "kind": "children",
        "grade": "Grade III-A children's hospital",
        "international_office_name": "He Min (何敏)",
        "international_office_email": "international.scmc@example.org",
        "international_office_phone": "+86 21 5550 1163",
        "latitude": "31.222200",
        "longitude": "121.526800",
        "description": "Children's hospital in Pudong with wide experience in paediatric "
        "liver tumours.",
        "departments": [
            {
                "specialty": "oncology",
                "name": "Department of Hematology and Oncology",
                "capacity": 1,
            },
        ],
    },
]

COORDINATORS = [
    {
        "email": email("tang.lihua"),
        "first_name": "Lihua",
        "last_name": "Tang",
        "native_name": "唐丽华",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "coordinator_of": FUDAN_HUASHAN,
    },
    {
        "email": email("xu.qing"),
        "first_name": "Qing",
        "last_name": "Xu",
        "native_name": "徐青",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
        "coordinator_of": SJTU_MEDICINE,
    },
]


def programs(today: date) -> list[dict]:
    next_year = today.year + 1
    window_opens = today - timedelta(days=30)

    observership_start = first_of_month_after(today + timedelta(days=120))
    observership_end = first_of_month_after(
        first_of_month_after(first_of_month_after(observership_start))
    ) - timedelta(days=1)
    observership = {
        "organisation": SJTU_MEDICINE,
        "kind": "observership",
        "title": "Pediatric liver transplantation observership",
        "summary": "Three months observing at Renji Hospital's Pediatric Liver Transplant "
        "Center, the world's busiest for paediatric liver transplants.",
        "description": "Observers join the transplant team for pre-operative assessment, "
        "living-donor and deceased-donor liver transplants in children (including for "
        "biliary atresia), intensive care and follow-up clinics. A day at Shanghai "
        "Children's Medical Center covers paediatric liver tumours.",
        "start_date": observership_start,
        "end_date": observership_end,
        "application_opens": window_opens,
        "application_closes": observership_start - timedelta(days=60),
        "seats": 2,
        "specialties": ["pediatric-liver-transplantation"],
        "working_language": "en",
        "min_language_level": "B2",
        "language_notes": "Team meetings in English; patient contact through the "
        "international office's interpreters.",
        "required_documents": [
            "passport",
            "photo",
            "diploma",
            "licence",
            "cv",
            "health_insurance",
            "vaccination",
        ],
        "covers_travel": False,
        "covers_stipend": False,
        "covers_housing": False,
        "covers_meals": False,
        "fee": Decimal("1500.00"),
        "currency": "USD",
        "cost_notes": "Housing is not included; the international office sends a list of "
        "serviced apartments near the hospital.",
        "rotation": [
            {
                "hospital": RENJI,
                "start_date": observership_start,
                "end_date": observership_end,
            }
        ],
        "status": "published",
        "by": email("xu.qing"),
    }

    draft_start = date(next_year, 9, 1)
    draft = {
        "organisation": FUDAN_HUASHAN,
        "kind": "observership",
        "title": "Neurosurgery observership at Huashan Hospital",
        "summary": "Two months in Huashan's neurosurgery department, hosted by the "
        "International Medical Center.",
        "description": "Draft: dates and fee still to be agreed with the department.",
        "start_date": draft_start,
        "end_date": date(next_year, 10, 31),
        "application_opens": today + timedelta(days=60),
        "application_closes": draft_start - timedelta(days=60),
        "seats": 3,
        "specialties": ["neurosurgery"],
        "working_language": "en",
        "min_language_level": "B2",
        "language_notes": "",
        "required_documents": ["passport", "diploma", "licence", "cv"],
        "covers_travel": False,
        "covers_stipend": False,
        "covers_housing": False,
        "covers_meals": False,
        "fee": Decimal("1000.00"),
        "currency": "USD",
        "cost_notes": "",
        "rotation": [
            {"hospital": HUASHAN, "start_date": draft_start, "end_date": date(next_year, 10, 31)}
        ],
        "status": "draft",
        "by": email("tang.lihua"),
    }
    return [observership, draft]
