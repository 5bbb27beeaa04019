"""Open Contracting Data Standard 1.1.5: published requests and their outcomes as releases.

One release per published or closed request, describing its latest state (``tag`` says which
stages it covers). Clarification questions are published through the Enquiries extension
(``tender.enquiries``): only answered ones, and never who asked. Who responded is published
(``tender.tenderers``) only once the request is closed, and never the content of a response.
The ocid is ``OCDS_OCID_PREFIX`` (the prefix registered for the installation) and the request's
id. The schema and codelists are in ``marketplace/data/ocds-1.1.5`` (see its SOURCE.md).
"""

import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samskapa.marketplace.models import (
    Outcome,
    ProcurementRequest,
    Question,
    RequestStatus,
    RequestType,
    Response,
)
from samskapa.organisations.models import Organisation

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "ocds-1.1.5"
VERSION = "1.1"
ENQUIRIES_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/"
    "v1.1.5/extension.json"
)
METHOD = {
    RequestType.DIRECT: "direct",
    RequestType.MARKET_DIALOGUE: "open",
    RequestType.INNOVATION: "open",
    RequestType.PRE_COMMERCIAL: "selective",
}


def ocid(request: ProcurementRequest) -> str:
    return f"{settings.OCDS_OCID_PREFIX}-{request.pk}"


def _date(moment: datetime.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(datetime.UTC).isoformat()


def _party_id(organisation: Organisation) -> str:
    """``SE-BLV-`` and the organisation number where there is one (org-id.guide), else ours."""
    if organisation.org_number:
        return f"SE-BLV-{organisation.org_number.replace('-', '')}"
    return f"{settings.OCDS_OCID_PREFIX}-org-{organisation.pk}"


def _party(organisation: Organisation, roles: list[str]) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": _party_id(organisation),
        "name": organisation.name,
        "roles": roles,
    }
    if organisation.org_number:
        party["identifier"] = {
            "scheme": "SE-BLV",
            "id": organisation.org_number,
            "legalName": organisation.name,
        }
    return party


def _reference(organisation: Organisation) -> dict[str, str]:
    return {"id": _party_id(organisation), "name": organisation.name}


def _tender_status(request: ProcurementRequest) -> str:
    if request.status == RequestStatus.PUBLISHED:
        return "active"
    return {
        Outcome.AWARD: "complete",
        Outcome.NO_AWARD: "unsuccessful",
        Outcome.CANCELLED: "cancelled",
    }[Outcome(request.outcome)]


def _tags(request: ProcurementRequest) -> list[str]:
    if request.outcome == Outcome.AWARD:
        return ["tender", "award"]
    if request.outcome == Outcome.CANCELLED:
        return ["tenderCancellation"]
    if request.outcome == Outcome.NO_AWARD:
        return ["tenderUpdate"]
    return ["tender"]


def release(request: ProcurementRequest) -> dict[str, Any]:
    """The release of one published or closed request (from ``releasable_requests``)."""
    if request.status == RequestStatus.DRAFT:
        raise ValueError("A draft request is not published in OCDS.")
    buyer = request.buyer
    parties = {_party_id(buyer): _party(buyer, ["buyer", "procuringEntity"])}
    closed = request.status == RequestStatus.CLOSED
    responses: list[Response] = list(request.responses.all()) if closed else []
    for response in responses:
        roles = ["tenderer"]
        if request.awarded_response_id == response.pk:
            roles.append("supplier")
        parties[_party_id(response.provider)] = _party(response.provider, roles)
    criteria = list(request.criteria.all())
    questions: list[Question] = list(request.questions.all())
    tender: dict[str, Any] = {
        "id": f"{ocid(request)}-tender",
        "title": request.title,
        "description": "\n\n".join(part for part in (request.summary, request.description) if part),
        "status": _tender_status(request),
        "procuringEntity": _reference(buyer),
        "procurementMethod": METHOD[RequestType(request.request_type)],
        "procurementMethodDetails": str(RequestType(request.request_type).label),
        "mainProcurementCategory": "services",
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {
            "startDate": _date(request.published_at),
            "endDate": _date(request.response_deadline),
        },
        "enquiryPeriod": {
            "startDate": _date(request.published_at),
            "endDate": _date(request.question_deadline),
        },
        "hasEnquiries": bool(questions),
        "enquiries": [
            {
                "id": str(question.pk),
                "date": _date(question.asked_at),
                "description": question.text,
                "answer": question.answer,
                "dateAnswered": _date(question.answered_at),
            }
            for question in questions
        ],
    }
    if criteria:
        tender["awardCriteria"] = "ratedCriteria"
        tender["awardCriteriaDetails"] = "; ".join(f"{c.name}: {c.weight} %" for c in criteria)
    if request.estimated_value is not None:
        tender["value"] = {"amount": float(request.estimated_value), "currency": "SEK"}
    if request.cpv_code:
        tender["items"] = [
            {
                "id": "1",
                "description": request.summary,
                "classification": {"scheme": "CPV", "id": request.cpv_code[:8]},
            }
        ]
    if closed:
        tender["numberOfTenderers"] = len(responses)
        tender["tenderers"] = [_reference(r.provider) for r in responses]
    data: dict[str, Any] = {
        "ocid": ocid(request),
        "id": f"{ocid(request)}-{int(request.updated_at.timestamp())}",
        "date": _date(request.updated_at),
        "tag": _tags(request),
        "initiationType": "tender",
        "language": "sv",
        "parties": list(parties.values()),
        "buyer": _reference(buyer),
        "tender": tender,
    }
    awarded = request.awarded_response
    if request.outcome == Outcome.AWARD and awarded is not None:
        data["awards"] = [
            {
                "id": f"{ocid(request)}-award-1",
                "title": request.title,
                "description": request.outcome_rationale,
                "status": "active",
                "date": _date(request.outcome_at),
                "suppliers": [_reference(awarded.provider)],
            }
        ]
    return data


def releasable_requests() -> QuerySet[ProcurementRequest]:
    """Published and closed requests with what their releases need, in a fixed number of queries."""
    return (
        ProcurementRequest.objects.exclude(status=RequestStatus.DRAFT)
        .select_related("buyer", "awarded_response__provider")
        .prefetch_related(
            "criteria",
            Prefetch(
                "questions",
                queryset=Question.objects.filter(answered_at__isnull=False).order_by(
                    "answered_at", "pk"
                ),
            ),
            Prefetch(
                "responses", queryset=Response.objects.select_related("provider").order_by("pk")
            ),
        )
        .order_by("pk")
    )


def release_package(
    requests: list[ProcurementRequest], *, uri: str, published: datetime.datetime | None = None
) -> dict[str, Any]:
    """A release package of ``requests``; the schema asks for at least one."""
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": [ENQUIRIES_EXTENSION],
        "publishedDate": _date(published or timezone.now()),
        "publisher": {"name": settings.SITE_NAME, "uri": settings.SITE_URL},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "publicationPolicy": f"{settings.SITE_URL.rstrip('/')}/marknadsplats/",
        "releases": [release(request) for request in requests],
    }


@cache
def schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    """The release-package and release schemas as stored in the repository."""
    package = json.loads((SCHEMA_DIR / "release-package-schema.json").read_text(encoding="utf-8"))
    single = json.loads((SCHEMA_DIR / "release-schema.json").read_text(encoding="utf-8"))
    return package, single


def validation_errors(package: dict[str, Any]) -> list[str]:
    """Every way ``package`` breaks the OCDS 1.1.5 release-package schema (none: valid).

    The package schema refers to the release schema by its canonical address; the local copy
    answers it, so nothing is fetched.
    """
    import jsonschema
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    package_schema, release_schema = schemas()
    registry = Registry().with_resources(
        [
            (release_schema["id"], DRAFT4.create_resource(release_schema)),
            (package_schema["id"], DRAFT4.create_resource(package_schema)),
        ]
    )
    validator = jsonschema.Draft4Validator(
        package_schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(package)
    ]
