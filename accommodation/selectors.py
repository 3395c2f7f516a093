from __future__ import annotations

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accommodation.hosts import host_token
from accommodation.models import (
    Bed,
    HousingRequest,
    MatchingRun,
    OutsideArrangement,
    Provider,
    Stay,
)
from accounts.models import User
from accounts.permissions import manages
from applications.models import Application


def providers_for(user: User) -> QuerySet[Provider]:
    return (
        Provider.objects.filter(organisation_id=user.coordinator_of_id)
        .annotate(bed_count=Count("beds"))
        .order_by("city", "name")
    )


def provider_for(user: User, pk: int, *, managers_too: bool = False) -> Provider:
    """A provider of the coordinator's organisation — or, with `managers_too`, one the
    person manages themselves; anything else is a 404."""
    provider = get_object_or_404(Provider, pk=pk)
    if manages(user, provider.organisation_id):
        return provider
    if managers_too and provider.managed_by_id == user.pk:
        return provider
    raise Http404


def housing_request_for_coordinator(user: User, pk: int) -> HousingRequest:
    """A housing request for a program of the coordinator's organisation, or 404."""
    organisation_id = user.coordinator_of_id or 0
    return get_object_or_404(
        HousingRequest.objects.select_related("application__program"),
        pk=pk,
        application__program__organisation_id=organisation_id,
    )


def bed_for_coordinator(user: User, pk: str | int | None) -> Bed:
    """A bed of one of the coordinator's organisation's providers, or 404."""
    if not str(pk or "").isdigit():
        raise Http404
    return get_object_or_404(Bed, pk=pk, provider__organisation_id=user.coordinator_of_id or 0)


def beds_for_coordinator(user: User) -> QuerySet[Bed]:
    return Bed.objects.filter(provider__organisation_id=user.coordinator_of_id or 0).select_related(
        "provider"
    )


def application_for_housing(user: User, pk: int) -> Application:
    """The trainee's own application, or one of the coordinator's organisation; else 404."""
    application = Application.objects.select_related("program", "trainee").filter(pk=pk).first()
    if application is None:
        raise Http404
    if application.trainee_id == user.pk or manages(user, application.program.organisation_id):
        return application
    raise Http404


def run_for_coordinator(user: User, pk: int) -> MatchingRun:
    return get_object_or_404(MatchingRun, pk=pk, organisation_id=user.coordinator_of_id or 0)


def stay_for_coordinator(user: User, pk: int) -> Stay:
    organisation_id = user.coordinator_of_id or 0
    return get_object_or_404(
        Stay, pk=pk, request__application__program__organisation_id=organisation_id
    )


def managed_by(user: User) -> QuerySet[Provider]:
    return Provider.objects.filter(managed_by=user).prefetch_related("beds__availability")


def beds_of(provider: Provider) -> QuerySet[Bed]:
    return provider.beds.prefetch_related("availability")


def matching_page(program) -> dict:
    requests = list(
        HousingRequest.objects.filter(application__program=program)
        .select_related("application__trainee", "application__program")
        .prefetch_related(
            Prefetch(
                "stays",
                queryset=Stay.objects.exclude(status=Stay.Status.CANCELLED).select_related(
                    "bed__provider"
                ),
                to_attr="live_stays",
            ),
            Prefetch(
                "application__outside_housing",
                queryset=OutsideArrangement.objects.filter(cancelled_at__isnull=True),
                to_attr="outside_live",
            ),
        )
        .order_by("application__trainee__last_name")
    )
    run = MatchingRun.objects.filter(program=program).first()
    reasons = {item["request"]: item["reason"] for item in (run.unmatched if run else [])}
    return {"requests": requests, "run": run, "reasons": reasons}


def application_for_trainee(user: User, pk: int) -> Application:
    application = Application.objects.select_related("program").filter(pk=pk, trainee=user).first()
    if application is None:
        raise Http404
    return application


def housing_settled(application_ref) -> ExpressionWrapper:
    """Whether an application has a roof: a confirmed stay, or housing arranged outside the
    portal (to annotate applications: `application_ref` is an OuterRef to their pk)."""
    either = Exists(
        Stay.objects.filter(request__application=application_ref, status=Stay.Status.CONFIRMED)
    ) | Exists(
        OutsideArrangement.objects.filter(application=application_ref, cancelled_at__isnull=True)
    )
    return ExpressionWrapper(either, output_field=BooleanField())


def host_overview(user: User) -> dict:
    """What a host (a family, a supervisor offering a room) sees: the guests and proposals
    of the listings they manage, and nobody else's."""
    stays = (
        Stay.objects.filter(bed__provider__managed_by=user)
        .exclude(status=Stay.Status.CANCELLED)
        .select_related("bed__provider", "request__application__trainee")
        .order_by("start", "pk")
    )
    proposals = [s for s in stays if s.status == Stay.Status.PROPOSED and s.host_asked_at]
    for stay in proposals:
        stay.answer_url = reverse("accommodation:host_answer", args=[host_token(stay)])
    return {
        "providers": list(managed_by(user)),
        "guests": [s for s in stays if s.status == Stay.Status.CONFIRMED],
        "proposals": proposals,
    }


def outside_for(application: Application) -> QuerySet[OutsideArrangement]:
    return OutsideArrangement.objects.filter(application=application, cancelled_at__isnull=True)
