"""Getting there (issue 14): visa lead times for the demo's host countries and nationalities,
the Offenbach fellow's visa, flight into Frankfurt and pickup by his supervisor (seed 000:
"Prof. Rauschmann specifically took time off to receive him at the airport"), a Gyeonggi
trainee whose visa appointment is booked too late and who has no flight yet (late flags), a
second one landing at Incheon with a volunteer driver asked, and that driver's demo login."""

from __future__ import annotations

from demo.stories.common import email

# (host country, nationality, lead time in days, margin in days, notes). Invented but
# plausible figures; coordinators correct them on the "Visa lead times" page.
LEAD_TIMES = [
    ("DE", "CN", 60, 21, "National (D) visa for training; appointment slots are scarce."),
    ("KR", "RU", 30, 14, "Training visa (C-3/D-4) through the Korean consulate."),
    ("KR", "KZ", 30, 14, ""),
    ("KR", "MN", 45, 14, "Consulate in Ulaanbaatar; book early in spring."),
    ("KR", "MW", 60, 21, "Applied through the embassy in Lusaka or Pretoria."),
    ("KR", "CN", 30, 14, ""),
    ("CN", "RU", 30, 14, ""),
    ("CN", "KR", 21, 14, ""),
    ("CN", "DE", 21, 14, ""),
]

# The volunteer driver: pickup people need no account; this login shows their pickups.
PICKUP_DRIVERS = [
    {
        "email": email("pickup"),
        "first_name": "Jiho",
        "last_name": "Park",
        "native_name": "박지호",
        "language": "en",
        "time_zone": "Asia/Seoul",
        "login": "Pickup person (volunteer driver) — their pickups at /travel/pickups/",
    },
]

# Per accepted trainee: the visa (days counted from the program's start), the arrival (the
# local time at the airport) and the pickup person.
TRAVEL = [
    {
        "trainee": email("li.wei"),
        "program": "offenbach",
        "visa": {"status": "granted", "valid_from": -14, "valid_until": 180},
        "arrival": {
            "mode": "flight",
            "flight_number": "CA439",
            "airport": "FRA",
            "day": -2,
            "clock": "06:20",
            "pickup_requested": True,
            "meeting_point": "Terminal 1, arrival hall B, at the Meeting Point sign",
        },
        "pickup": {
            "person": email("klaus.hartmann"),
            "name": "Prof. Klaus Hartmann",
            "phone": "+49 69 5550 1299",
            "language": "de",
            "confirm": "I will be there with the department's car.",
        },
    },
    {
        "trainee": email("natalia.volkova"),
        "program": "gyeonggi",
        # Booked 20 days before the start while the consulate takes 30 + 14: late already.
        "visa": {"status": "appointment", "appointment_on": -20},
    },
    {
        "trainee": email("dmitry.kuznetsov"),
        "program": "gyeonggi",
        "visa": {"status": "submitted"},
        "arrival": {
            "mode": "flight",
            "flight_number": "KE982",
            "airport": "ICN",
            "day": -1,
            "clock": "13:40",
            "pickup_requested": True,
            "meeting_point": "Terminal 1, arrival hall, exit B",
        },
        "pickup": {
            "person": email("pickup"),
            "name": "Jiho Park",
            "phone": "+82 10 5550 1234",
            "language": "en",
        },
    },
]
