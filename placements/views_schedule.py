"""The schedule grid's cells, edited in place (htmx), and one trainee's weeks as a plain
form (without JavaScript). Both save through `services.schedule_set_week`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import coordinator_required
from applications.models import Application
from placements import grid, services
from placements.forms import TraineeWeeksForm
from programs.selectors import program_for_coordinator


@coordinator_required
def schedule_cell(request: HttpRequest, program_pk: int, application_pk: int, week: int):
    """GET: the editor of one cell (the sites open that week); POST: save it and answer
    with the cell as shown in the grid, or the editor with the refusal. Without htmx both
    lead to the trainee's weeks page."""
    program = program_for_coordinator(request.user, program_pk)
    cell = grid.cell_for(program, application_pk, week)
    error = ""
    if request.method == "POST":
        error = _save_cell(request, program, cell)
        if not request.htmx:
            messages.add_message(
                request,
                messages.ERROR if error else messages.SUCCESS,
                error or _("The schedule is updated."),
            )
            return redirect(f"{cell.url}#week-{week}")
        if not error:
            before = cell.placement.rotation_site_id if cell.placement else None
            cell = grid.cell_for(program, application_pk, week)
            after = cell.placement.rotation_site_id if cell.placement else None
            load = grid.cell_load(cell, {before, after} - {None})
            return render(
                request,
                "placements/_schedule_cell.html",
                {"cell": cell, "load": load, "focus": True},
            )
    elif not request.htmx:
        return redirect(f"{cell.url}#week-{week}")
    elif "show" in request.GET:  # the editor's Cancel
        return render(request, "placements/_schedule_cell.html", {"cell": cell, "focus": True})
    preferred, others = grid.cell_choices(cell)
    context = {"cell": cell, "preferred": preferred, "others": others, "error": error}
    return render(request, "placements/_schedule_cell_form.html", context)


def _save_cell(request: HttpRequest, program, cell: grid.Cell) -> str:
    """Save the cell from the posted site; '' when saved, else the refusal to show."""
    try:
        site = grid.site_in(program, request.POST.get("site", ""))
        services.schedule_set_week(
            application=cell.application, week_index=cell.week.index, site=site, by=request.user
        )
    except (services.PlacementRefused, PermissionDenied) as error:
        return str(error) or str(grid.NOT_POSSIBLE)
    return ""


@coordinator_required
def schedule_trainee(request: HttpRequest, program_pk: int, application_pk: int) -> HttpResponse:
    """One trainee's weeks on one page, one choice per week: the grid without JavaScript."""
    program = program_for_coordinator(request.user, program_pk)
    application = get_object_or_404(
        Application.objects.select_related("trainee", "program"), pk=application_pk, program=program
    )
    form = TraineeWeeksForm(request.POST or None, weeks=grid.trainee_weeks(program, application))
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        refused = grid.schedule_set_weeks(
            application=application, site_ids=changes, by=request.user
        )
        for index, message in refused.items():
            form.add_error(f"week_{index}", message)
        saved = len(changes) - len(refused)
        if saved:
            messages.success(
                request,
                ngettext("%(count)s week is saved.", "%(count)s weeks are saved.", saved)
                % {"count": saved},
            )
        elif not changes:
            messages.info(request, _("Nothing changed."))
        if not refused:
            return redirect("placements:schedule_trainee", program.pk, application.pk)
    context = {"program": program, "application": application, "form": form}
    return render(request, "placements/schedule_trainee.html", context)
