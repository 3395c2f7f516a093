"""The Gyeonggi cohort (seed 002): ten Russian specialists nominated by the health
ministries of Primorsky Krai (six, from two Vladivostok hospitals) and Khabarovsk Krai
(four, from the regional oncology center); the agreements behind their nomination; and
their applications to next year's program, in every state of the lifecycle. The demo
trainee login holds an open offer, so the demo shows accepting it."""

from __future__ import annotations

from datetime import date

from demo.stories.common import email
from demo.stories.gyeonggi import GYEONGGI

PRIMORSKY = "Primorsky Krai Ministry of Health"
KHABAROVSK = "Khabarovsk Krai Ministry of Health"
VLADIVOSTOK_1 = "Vladivostok Regional Clinical Hospital #1"
VLADIVOSTOK_2 = "Vladivostok City Clinical Hospital #2"
KHABAROVSK_ONCOLOGY = "Khabarovsk Regional Clinical Oncology Center"

MINISTRIES = [
    {
        "name": PRIMORSKY,
        "name_native": "Министерство здравоохранения Приморского края",
        "kind": "ministry",
        "country": "RU",
        "city": "Vladivostok",
        "time_zone": "Asia/Vladivostok",
    },
    {
        "name": KHABAROVSK,
        "name_native": "Министерство здравоохранения Хабаровского края",
        "kind": "ministry",
        "country": "RU",
        "city": "Khabarovsk",
        "time_zone": "Asia/Vladivostok",
    },
]

SENDING = [
    {
        "name": VLADIVOSTOK_1,
        "name_native": "Краевая клиническая больница № 1",
        "kind": "sending",
        "country": "RU",
        "city": "Vladivostok",
        "time_zone": "Asia/Vladivostok",
    },
    {
        "name": VLADIVOSTOK_2,
        "name_native": "Городская клиническая больница № 2",
        "kind": "sending",
        "country": "RU",
        "city": "Vladivostok",
        "time_zone": "Asia/Vladivostok",
    },
    {
        "name": KHABAROVSK_ONCOLOGY,
        "name_native": "Краевой клинический центр онкологии",
        "kind": "sending",
        "country": "RU",
        "city": "Khabarovsk",
        "time_zone": "Asia/Vladivostok",
    },
]

HOSPITALS = [
    {
        "organisation": VLADIVOSTOK_1,
        "name": VLADIVOSTOK_1,
        "name_native": "Краевая клиническая больница № 1",
        "city": "Vladivostok",
        "country": "RU",
        "kind": "regional",
        "latitude": "43.121600",
        "longitude": "131.882700",
        "departments": [],
    },
    {
        "organisation": VLADIVOSTOK_2,
        "name": VLADIVOSTOK_2,
        "name_native": "Городская клиническая больница № 2",
        "city": "Vladivostok",
        "country": "RU",
        "kind": "city",
        "latitude": "43.166000",
        "longitude": "131.926000",
        "departments": [],
    },
    {
        "organisation": KHABAROVSK_ONCOLOGY,
        "name": KHABAROVSK_ONCOLOGY,
        "name_native": "Краевой клинический центр онкологии",
        "city": "Khabarovsk",
        "country": "RU",
        "kind": "cancer",
        "latitude": "48.429000",
        "longitude": "135.115000",
        "departments": [],
    },
]

PARTNERSHIPS = [
    {
        "host": GYEONGGI,
        "partner": KHABAROVSK,
        "title": "Gyeonggi–Khabarovsk medical cooperation agreement",
        "signed_on": date(2011, 1, 1),
        "yearly_quota": 4,
        "notes": "Agreement on medical cooperation signed in 2011 (day of signing not "
        "recorded). The first cohort came from Khabarovsk in 2011: 16 healthcare providers. "
        "Over 60 trainees from Khabarovsk so far. Across all partners the Global Healthcare "
        "Academy has trained 256 healthcare providers since 2011, from Russia, Kazakhstan, "
        "Malawi, Mongolia and China (figures as of June 2014).",
    },
    {
        "host": GYEONGGI,
        "partner": PRIMORSKY,
        "title": "Gyeonggi–Primorsky Krai clinical training cooperation",
        "signed_on": date(2013, 9, 1),
        "yearly_quota": 6,
        "notes": "The ministry nominates specialists from Vladivostok Regional Clinical "
        "Hospital No. 1 and Vladivostok City Clinical Hospital No. 2; six of the ten trainees "
        "of the 2014 cohort came from Primorsky Krai.",
    },
]

# The 2014 cohort: 6 from Primorsky Krai, 4 from Khabarovsk.
# `from_hospital`, `specialty` and `sex` feed the trainee profiles (seed_trainee_profiles).
TRAINEES = [
    {
        "email": email("trainee"),
        "first_name": "Alexei",
        "last_name": "Smirnov",
        "native_name": "Алексей Смирнов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_1,
        "specialty": "neurosurgery",
        "login": "Trainee — neurosurgeon from Vladivostok Regional Clinical Hospital #1",
    },
    {
        "email": email("natalia.volkova"),
        "first_name": "Natalia",
        "sex": "F",
        "last_name": "Volkova",
        "native_name": "Наталья Волкова",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_1,
        "specialty": "cardiovascular-surgery",
    },
    {
        "email": email("dmitry.kuznetsov"),
        "first_name": "Dmitry",
        "last_name": "Kuznetsov",
        "native_name": "Дмитрий Кузнецов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_1,
        "specialty": "orthopedics",
    },
    {
        "email": email("elena.morozova"),
        "first_name": "Elena",
        "sex": "F",
        "last_name": "Morozova",
        "native_name": "Елена Морозова",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_2,
        "specialty": "obstetrics-gynecology",
    },
    {
        "email": email("sergei.pavlov"),
        "first_name": "Sergei",
        "last_name": "Pavlov",
        "native_name": "Сергей Павлов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_2,
        "specialty": "general-surgery",
    },
    {
        "email": email("andrei.sokolov"),
        "first_name": "Andrei",
        "last_name": "Sokolov",
        "native_name": "Андрей Соколов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": VLADIVOSTOK_2,
        "specialty": "urology",
    },
    # Khabarovsk keeps Vladivostok time (UTC+10): tz database zone Asia/Vladivostok.
    {
        "email": email("irina.lebedeva"),
        "first_name": "Irina",
        "sex": "F",
        "last_name": "Lebedeva",
        "native_name": "Ирина Лебедева",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "obstetrics-gynecology",
    },
    {
        "email": email("mikhail.novikov"),
        "first_name": "Mikhail",
        "last_name": "Novikov",
        "native_name": "Михаил Новиков",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "general-surgery",
    },
    {
        "email": email("olga.fedorova"),
        "first_name": "Olga",
        "sex": "F",
        "last_name": "Fedorova",
        "native_name": "Ольга Федорова",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "urology",
    },
    {
        "email": email("yuri.popov"),
        "first_name": "Yuri",
        "last_name": "Popov",
        "native_name": "Юрий Попов",
        "language": "ru",
        "time_zone": "Asia/Vladivostok",
        "from_hospital": KHABAROVSK_ONCOLOGY,
        "specialty": "general-surgery",
    },
]

APPLICATIONS = [
    {"trainee": email("trainee"), "program": "gyeonggi", "status": "offered"},
    {"trainee": email("natalia.volkova"), "program": "gyeonggi", "status": "accepted"},
    {"trainee": email("dmitry.kuznetsov"), "program": "gyeonggi", "status": "accepted"},
    {"trainee": email("elena.morozova"), "program": "gyeonggi", "status": "shortlisted"},
    {"trainee": email("sergei.pavlov"), "program": "gyeonggi", "status": "under_review"},
    {"trainee": email("andrei.sokolov"), "program": "gyeonggi", "status": "shortlisted"},
    {"trainee": email("irina.lebedeva"), "program": "gyeonggi", "status": "submitted"},
    {"trainee": email("mikhail.novikov"), "program": "gyeonggi", "status": "rejected"},
    {"trainee": email("olga.fedorova"), "program": "gyeonggi", "status": "withdrawn"},
    {"trainee": email("yuri.popov"), "program": "gyeonggi", "status": "draft"},
]

# Issue 14: Natalia Volkova rotates through four cities (Suwon, Bucheon, Goyang, Ansan) and
# has no car, so she asks for a bed within 15 km of each hospital. No single bed is, so the
# matching splits her stay into segments (a dormitory per block of her rotation), which the
# coordinator confirms segment by segment.
SEGMENTED_HOUSING = {
    "trainee": email("natalia.volkova"),
    "max_km": 15,
    "notes": "No car: I would like to live near each hospital of my rotation.",
}
