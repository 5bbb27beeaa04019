"""Forms of learning programmes: they check the shape of what is typed; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskapa.accounts.models import User
from samskapa.core.models import DOCUMENT
from samskapa.core.uploads import UploadField
from samskapa.events.forms import DateTimeInput
from samskapa.learning.models import (
    Assignment,
    LearningProgramme,
    Member,
    MemberRole,
    Plan,
    Session,
)
from samskapa.organisations.models import Organisation
from samskapa.projects.forms import DateInput
from samskapa.projects.models import Project

SUBMISSION_FILE_FIELDS = ("file_1", "file_2", "file_3")


class ProgrammeForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(
        label=_("Organiser"), queryset=Organisation.objects.none(), to_field_name="slug"
    )

    class Meta:
        model = LearningProgramme
        fields = ["title", "description", "organiser", "starts_on", "ends_on", "status"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, organisers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisers is None:
            del self.fields["organiser"]
        else:
            field = self.fields["organiser"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = organisers

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The programme cannot end before it starts."))
        return cleaned

    def _post_clean(self) -> None:
        # The services validate the row (with the organiser they are given); the form checks
        # only the shape, so a refusal there shows on the form through call_service.
        pass


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person must have an account on Samskapa."),
        max_length=254,
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial="participant")
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.select_related("municipality").order_by("name"),
        to_field_name="slug",
        help_text=_("The municipality or organisation the person comes from."),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No one with this address has an account."))
        return user


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("Link to the online meeting"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "place", "online_url", "agenda"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {"starts_at": _("Swedish time.")}

    def _post_clean(self) -> None:
        pass  # the services validate the row with its programme


class AssignmentForm(forms.ModelForm):
    template_file = UploadField(kinds={DOCUMENT}, label=_("Template (optional)"), required=False)

    class Meta:
        model = Assignment
        fields = ["title", "instructions", "session", "due_at", "closes_at_due", "peer_review"]
        widgets = {"due_at": DateTimeInput(), "instructions": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"due_at": _("Swedish time.")}

    def __init__(self, *args: Any, programme: LearningProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = programme.sessions.order_by("starts_at")

    def _post_clean(self) -> None:
        pass


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 12}), max_length=50_000
    )
    file_1 = UploadField(kinds={DOCUMENT}, label=_("File"), required=False)
    file_2 = UploadField(kinds={DOCUMENT}, label=_("Another file"), required=False)
    file_3 = UploadField(kinds={DOCUMENT}, label=_("A third file"), required=False)
    for_team = forms.BooleanField(
        label=_("Hand in for the whole municipality team"),
        help_text=_("The other participants from your municipality see and may change it."),
        required=False,
    )

    def __init__(self, *args: Any, team_possible: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not team_possible:
            del self.fields["for_team"]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "files": [data[name] for name in SUBMISSION_FILE_FIELDS if data.get(name)],
            "for_team": bool(data.get("for_team")),
        }


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("learning", "Feedback"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
    )


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.user.full_name or obj.user.email
        return f"{name} ({obj.municipality.name})" if obj.municipality else str(name)


class LateAllowanceForm(forms.Form):
    member = ParticipantChoiceField(label=_("Participant"), queryset=Member.objects.none())

    def __init__(self, *args: Any, programme: LearningProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = programme.members.filter(role=MemberRole.PARTICIPANT).select_related(
            "user", "municipality"
        )


# --- The plan ----------------------------------------------------------------------------------


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    aim = forms.CharField(
        label=_("Overall goal"),
        help_text=_("What the municipality wants its innovation work to achieve."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    note = forms.CharField(label=_("What changed (optional)"), max_length=300, required=False)


class FocusAreaForm(forms.Form):
    title = forms.CharField(label=_("Focus area"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )
    goals = forms.CharField(
        label=_("Goals"),
        help_text=_("One goal per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class NextStepForm(forms.Form):
    action = forms.CharField(label=_("Next step"), max_length=300, required=False)
    owner = forms.CharField(label=_("Who is responsible"), max_length=200, required=False)
    due_on = forms.DateField(label=_("By when"), widget=DateInput(), required=False)


FocusAreaFormSet = forms.formset_factory(FocusAreaForm, extra=2, max_num=20, validate_max=True)
NextStepFormSet = forms.formset_factory(NextStepForm, extra=2, max_num=30, validate_max=True)


def plan_forms(data: Any, plan: Plan) -> tuple[PlanForm, Any, Any]:
    """The plan's form and its two formsets, filled from the plan's current content."""
    content = plan.content or {}
    areas = [
        {
            "title": area.get("title", ""),
            "description": area.get("description", ""),
            "goals": "\n".join(area.get("goals", [])),
        }
        for area in content.get("focus_areas", [])
    ]
    steps = [
        {
            "action": step.get("action", ""),
            "owner": step.get("owner", ""),
            "due_on": step.get("due_on") or None,
        }
        for step in content.get("next_steps", [])
    ]
    form = PlanForm(data, initial={"title": plan.title, "aim": content.get("aim", "")})
    return (
        form,
        FocusAreaFormSet(data, initial=areas, prefix="areas"),
        NextStepFormSet(data, initial=steps, prefix="steps"),
    )


def plan_content_from(form: PlanForm, areas: Any, steps: Any) -> dict[str, Any]:
    return {
        "aim": form.cleaned_data.get("aim", ""),
        "focus_areas": [
            {
                "title": area.cleaned_data.get("title", ""),
                "description": area.cleaned_data.get("description", ""),
                "goals": area.cleaned_data.get("goals", "").splitlines(),
            }
            for area in areas.forms
            if area.cleaned_data
        ],
        "next_steps": [
            {
                "action": step.cleaned_data.get("action", ""),
                "owner": step.cleaned_data.get("owner", ""),
                "due_on": step.cleaned_data.get("due_on"),
            }
            for step in steps.forms
            if step.cleaned_data
        ],
    }


class CarryForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = projects
