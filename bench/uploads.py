"""What an upload check costs: a 36-megapixel PNG with the old limit (40 MP, accepted and
decoded) and the new one (25 MP, refused from its header), the largest picture still
accepted (a 24.5 MP phone photo), and the PDF check on a small PDF, the largest accepted
(20,000 objects) and one over that limit.

Each measurement runs in a fresh process (so its peak memory is its own): wall time of the
check, growth of the peak resident memory (resource.getrusage; Pillow's pixels are not seen
by tracemalloc) and the peak of Python allocations (tracemalloc). Prints one line each.

    .venv/bin/python bench/uploads.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from core.images import clean_uploaded_image  # noqa: E402
from core.uploads import check_pdf_content  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(path: str, kind: str, limit: int) -> dict:
    """In this (child) process: check one file, report time and memory. A tiny file is
    checked first (imports, translations); the timed pass runs without tracemalloc, which
    slows allocations down; a second pass measures the Python allocations."""
    settings.IMAGE_MAX_PIXELS = limit
    settings.UPLOAD_MAX_BYTES = 50 * 2**20
    check = clean_uploaded_image if kind == "image" else check_pdf_content
    content = Path(path).read_bytes()
    _outcome(check, TINY[kind])

    rss_before = _peak_rss_mb()
    started = time.perf_counter()
    outcome = _outcome(check, content)
    seconds = time.perf_counter() - started
    rss_growth = _peak_rss_mb() - rss_before

    tracemalloc.start()
    _outcome(check, content)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "outcome": outcome,
        "seconds": seconds,
        "rss_growth_mb": rss_growth,
        "traced_peak_mb": traced_peak / 2**20,
    }


def _outcome(check, content: bytes) -> str:
    try:
        check(SimpleUploadedFile("upload", content))
    except ValidationError as error:
        return f"refused ({error.code})"
    return "accepted"


def _tiny_files() -> dict[str, bytes]:
    image, pdf = BytesIO(), BytesIO()
    Image.new("RGB", (8, 8)).save(image, format="PNG")
    blank = pikepdf.new()
    blank.add_blank_page()
    blank.save(pdf)
    return {"image": image.getvalue(), "pdf": pdf.getvalue()}


TINY = _tiny_files()


def _make_files(folder: Path) -> dict[str, Path]:
    files = {}
    picture = Image.new("RGB", (6000, 6000), "steelblue")
    ImageDraw.Draw(picture).ellipse((500, 500, 5500, 5500), fill="white", outline="black")
    files["png_36mp"] = folder / "36mp.png"
    picture.save(files["png_36mp"], format="PNG")
    photo = Image.new("RGB", (5712, 4284), "darkseagreen")  # a recent iPhone's 24.5 MP
    ImageDraw.Draw(photo).rectangle((400, 400, 5000, 3800), fill="khaki", outline="black")
    files["jpeg_24_5mp"] = folder / "24.5mp.jpg"
    photo.save(files["jpeg_24_5mp"], format="JPEG", quality=85)
    for pages in (1, 9_998, 20_000):
        pdf = pikepdf.new()
        for _page in range(pages):
            pdf.add_blank_page()
        buffer = BytesIO()
        pdf.save(buffer)
        files[f"pdf_{pages}_pages"] = folder / f"{pages}-pages.pdf"
        files[f"pdf_{pages}_pages"].write_bytes(buffer.getvalue())
    return files


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-uploads-") as work:
        files = _make_files(Path(work))
        runs = [
            ("36 MP PNG, before (limit 40 MP)", "png_36mp", "image", 40_000_000),
            ("36 MP PNG, after (limit 25 MP)", "png_36mp", "image", 25_000_000),
            ("24.5 MP JPEG, accepted (limit 25 MP)", "jpeg_24_5mp", "image", 25_000_000),
            ("PDF, 1 page", "pdf_1_pages", "pdf", 0),
            ("PDF, 9,998 blank pages (19,998 objects)", "pdf_9998_pages", "pdf", 0),
            ("PDF, 20,000 blank pages (40,002 objects)", "pdf_20000_pages", "pdf", 0),
        ]
        for label, key, kind, limit in runs:
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(files[key]), kind, str(limit)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
            size = files[key].stat().st_size / 2**20
            print(
                f"{label:<44} {size:6.2f} MB file  {result['outcome']:<34} "
                f"{result['seconds'] * 1000:8.1f} ms  peak RSS +{result['rss_growth_mb']:6.1f} MB"
                f"  Python peak {result['traced_peak_mb']:6.2f} MB"
            )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        print(json.dumps(measure_one(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        main()
