"""Pages that gather many domains: each role's home and the readiness dashboard."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from core.files import open_private, private_file_response
from dashboards import exports, homes, readiness
from programs.selectors import program_for_coordinator

# The readiness table shows this many trainees a page (the counts cover all of them).
ROWS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on what it must do next."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "dashboards/home_public.html")
    if user.is_coordinator:
        return render(request, "dashboards/home_coordinator.html", homes.coordinator_home(user))
    host = homes.host_home(user)  # a host family, or a supervisor offering a room
    if user.is_supervisor:
        context = {**homes.supervisor_home(user), "host": host}
        return render(request, "dashboards/home_supervisor.html", context)
    if host:
        return render(request, "dashboards/home_host.html", host)
    return render(request, "dashboards/home_trainee.html", homes.trainee_home(user))


@coordinator_required
def readiness_dashboard(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = program_for_coordinator(request.user, program_pk)
    rows, totals = readiness.readiness(program)
    missing = request.GET.get("missing", "")
    missing = missing if missing in {key for key, _l, _d in readiness.COLUMNS} else ""
    late = request.GET.get("late") == "1"
    columns = [
        {
            "key": key,
            "label": label,
            "days": days,
            "available": key not in readiness.NOT_YET_AVAILABLE,
            **totals[key],
        }
        for key, label, days in readiness.COLUMNS
    ]
    shown = readiness.filtered(rows, late=late, missing=missing)
    page_obj = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/readiness.html",
        {
            "program": program,
            "rows": page_obj.object_list,
            "page_obj": page_obj,
            "total": len(rows),
            "columns": columns,
            "late": late,
            "missing": missing,
        },
    )


@coordinator_required
@require_POST
def readiness_export(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = program_for_coordinator(request.user, program_pk)
    format_ = request.POST.get("format")
    if format_ not in ("csv", "xlsx"):
        messages.error(request, _("Choose CSV or Excel."))
        return redirect("dashboards:readiness", program.pk)
    export = exports.export_request(program=program, by=request.user, format=format_)
    return redirect("dashboards:export_status", export.pk)


@coordinator_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's progress; polled by htmx until the file is ready."""
    export = exports.export_for_coordinator(request.user, pk)
    template = "dashboards/_export_progress.html" if request.htmx else "dashboards/export.html"
    return render(request, template, {"export": export})


@coordinator_required
def export_download(request: HttpRequest, pk: int):
    export = exports.export_for_coordinator(request.user, pk, finished=True)
    content_type = (
        "text/csv"
        if export.format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return private_file_response(
        open_private(export.file),
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
