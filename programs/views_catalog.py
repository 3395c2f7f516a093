"""The public catalog: published programs anyone can browse, no account needed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from programs.filters import CatalogFilter
from programs.models import Program
from programs.selectors import (
    catalog_card_rows,
    catalog_cards,
    catalog_programs,
    rotation_by_hospital,
    seats_left,
)

CATALOG_PAGE_SIZE = 12


def catalog_list(request: HttpRequest) -> HttpResponse:
    filterset = CatalogFilter(request.GET, queryset=catalog_programs(with_sites=False))
    rows = catalog_card_rows(filterset.qs)
    page = Paginator(rows, CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
    active_filters = any(value for key, value in request.GET.items() if key in filterset.filters)
    return render(
        request,
        "catalog/program_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "cards": catalog_cards(page.object_list),
            "active_filters": active_filters,
        },
    )


def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        program = catalog_programs().get(pk=pk)
    except Program.DoesNotExist:
        raise Http404(_("No such program.")) from None
    return render(
        request,
        "catalog/program_detail.html",
        {
            "program": program,
            "seats_left": seats_left(program),
            "rotation": rotation_by_hospital(program),
            "my_application": (
                program.applications.filter(trainee=request.user).first()
                if request.user.is_authenticated
                else None
            ),
        },
    )
