"""Exports never carry a live formula: a trainee named like a formula stays text in the
readiness CSV and XLSX (CSV injection)."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Application
from core.exports import safe_cell
from tests.placements.conftest import make_cohort, shortlisted

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    "text", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]
)
def test_a_cell_that_starts_like_a_formula_gets_a_quote_first(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Ivan Petrov", "김민준", "", "1+1", 42, 3.5, None])
def test_other_cells_pass_unchanged(value):
    assert safe_cell(value) == value


def _export(client, program, format_, capture):
    with capture(execute=True):
        response = client.post(
            reverse("dashboards:readiness_export", args=[program.pk]), {"format": format_}
        )
    export_pk = int(response["Location"].rstrip("/").split("/")[-1])
    download = client.get(reverse("dashboards:export_download", args=[export_pk]))
    return b"".join(download.streaming_content)


@pytest.fixture
def formula_trainee_program(coordinator):
    program = make_cohort(coordinator)["program"]
    application = shortlisted(program, name="Petrov")
    application.trainee.first_name, application.trainee.last_name = FORMULA, ""
    application.trainee.native_name = ""
    application.trainee.save()
    Application.objects.filter(pk=application.pk).update(status="accepted")
    return program


def test_the_readiness_csv_quotes_a_name_that_looks_like_a_formula(
    client_for, coordinator, formula_trainee_program, django_capture_on_commit_callbacks
):
    content = _export(
        client_for(coordinator), formula_trainee_program, "csv", django_capture_on_commit_callbacks
    ).decode("utf-8-sig")

    line = next(line for line in content.splitlines() if "HYPERLINK" in line)
    assert line.startswith(""""'=HYPERLINK(""http://x"",""y"")",""")
    assert not any(cell.startswith("=") for cell in content.replace('"', "").split(","))


def test_the_readiness_xlsx_stores_a_formula_like_name_as_quoted_text(
    client_for, coordinator, formula_trainee_program, django_capture_on_commit_callbacks
):
    content = _export(
        client_for(coordinator), formula_trainee_program, "xlsx", django_capture_on_commit_callbacks
    )

    sheet = load_workbook(BytesIO(content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value))
    assert cell.value == "'" + FORMULA
    assert cell.data_type == "s"
    assert not any(
        c.data_type == "f" or str(c.value or "").startswith("=")
        for row in sheet.iter_rows()
        for c in row
    )
