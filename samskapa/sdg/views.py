"""Pages of the sdg app: suggested targets for the text being written in a form, and the
answers people give to them. Both are called by static/sdg/suggest.js (POST, with the CSRF
token in the X-CSRFToken header)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from samskapa.core.access import require, signed_in
from samskapa.sdg import selectors, services
from samskapa.sdg.forms import AnswerForm, SuggestForm

# A form shows a handful: more would push the list of targets off a phone's screen.
PAGE_SUGGESTIONS = 4


@require_POST
def suggestions(request: HttpRequest) -> HttpResponse:
    """The targets suggested for the posted text, as a fragment for the target picker."""
    require(request.user, "sdg.suggest_targets")
    form = SuggestForm(request.POST)
    if not form.is_valid():
        return render(request, "sdg/suggestions.html", {"suggestions": [], "text": ""}, status=400)
    text = form.cleaned_data["text"]
    found = (
        selectors.suggest_targets(
            text=text,
            limit=PAGE_SUGGESTIONS,
            exclude=[target.code for target in form.cleaned_data["chosen"]],
        )
        if text
        else []
    )
    return render(request, "sdg/suggestions.html", {"suggestions": found, "text": text})


@login_required
@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """Record that the person took or turned down a suggested target; nothing to show."""
    user = signed_in(request.user)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    services.suggestion_answer(
        actor=user,
        target=form.cleaned_data["target"],
        accepted=form.cleaned_data["accepted"],
        text=form.cleaned_data["text"],
    )
    return HttpResponse(status=204)
