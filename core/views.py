from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.jobs import job_for


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background job's progress and result, for who started it; htmx polls the fragment,
    and without JavaScript the page reloads itself until the job is finished."""
    found = job_for(request.user, pk)
    template = "core/_job_progress.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": found})
