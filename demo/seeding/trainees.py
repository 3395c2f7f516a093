"""Profiles and documents for the demo trainees, so their applications are complete."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from demo import data
from demo.seeding.documents import placeholder_pdf
from demo.seeding.world import World
from reference.models import DocumentType
from trainees import services as trainees
from trainees.models import Document, TraineeProfile
from trainees.selectors import NOT_UPLOADED


def seed_trainee_profiles(world: World) -> None:
    """The documents are one-page placeholder PDFs; uploads go through the same service
    as in the product. Existing profiles and documents are left as they are."""
    hospitals = {row["name"]: row for row in data.HOSPITALS}
    for number, row in enumerate(p for p in data.PEOPLE if p.get("from_hospital")):
        user = world.people[row["email"]]
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
                    "specialty": world.specialties.get(row.get("specialty", "")),
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
                file=SimpleUploadedFile(f"{code}.pdf", placeholder_pdf(code, user)),
                expires_on=world.today.replace(year=world.today.year + 8)
                if code == DocumentType.PASSPORT
                else None,
            )
