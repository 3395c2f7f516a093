"""Readiness exports, made in the background (a Celery task) with progress."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.tasks import enqueue_on_commit
from dashboards import readiness
from placements.models import ReadinessExport


def export_request(*, program, by, format: str) -> ReadinessExport:
    export = ReadinessExport.objects.create(program=program, requested_by=by, format=format)
    enqueue_on_commit("dashboards.tasks.export_readiness", export.pk)
    return export


def export_run(export_id: int) -> None:
    export = ReadinessExport.objects.select_related("program").filter(pk=export_id).first()
    if export is None or export.done:
        return
    ReadinessExport.objects.filter(pk=export.pk).update(progress=10)
    try:
        lines = readiness.table(export.program)
        ReadinessExport.objects.filter(pk=export.pk).update(progress=60)
        content = readiness.as_xlsx(lines) if export.format == "xlsx" else readiness.as_csv(lines)
        name = f"readiness-{export.program_id}-{timezone.now():%Y%m%d-%H%M}.{export.format}"
        export.file.save(name, ContentFile(content), save=False)
        ReadinessExport.objects.filter(pk=export.pk).update(
            file=export.file.name, progress=100, finished_at=timezone.now()
        )
    except Exception as error:  # shown on the page; the log has the traceback
        ReadinessExport.objects.filter(pk=export.pk).update(
            error=str(error)[:300], finished_at=timezone.now()
        )
        raise


def export_for_coordinator(user, pk: int, *, finished: bool = False) -> ReadinessExport:
    """An export of a program of the coordinator's organisation (a finished one for the
    download), or 404."""
    exports = ReadinessExport.objects.filter(program__organisation_id=user.coordinator_of_id or 0)
    if finished:
        exports = exports.filter(finished_at__isnull=False)
    return get_object_or_404(exports, pk=pk)
