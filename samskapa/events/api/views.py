"""REST API of networks and events: the same selectors and services as the pages.

Members-only events answer 404 to those who may not see them. Registration goes through
``events.services.registration_create`` (the event row is locked while seats are counted), and
its refusals (full quota, registered twice, closed) answer 400 with the message.
"""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samskapa.core.access import signed_in
from samskapa.events import services
from samskapa.events.filters import EventFilter
from samskapa.events.models import AgendaItem, Event, Network, NetworkMember, Registration
from samskapa.events.selectors import (
    access_event,
    access_network,
    access_registration,
    event_list,
    my_registrations,
    network_list,
    network_members,
    networks_for_event,
    waiting_position,
)
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "starts_at", "ends_at", "title", "description", "speakers"]


class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    organiser = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    network = serializers.SlugRelatedField(
        slug_field="slug", queryset=Network.objects.all(), required=False, allow_null=True
    )
    host_municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False, allow_null=True
    )
    confirmed_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "organiser",
            "network",
            "host_municipality",
            "summary",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "organisation_quota",
            "visibility",
            "confirmed_count",
            "waiting_count",
        ]
        read_only_fields = ["slug"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "network" in self.fields:
            # A network the caller may not tie events to answers "does not exist".
            self.fields["network"].queryset = networks_for_event(user=request.user)  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        end = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if start and end and end <= start:
            raise serializers.ValidationError({"ends_at": _("The event must end after it starts.")})
        return attrs


class EventDetailSerializer(EventSerializer):
    agenda_items = AgendaItemSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "description",
            "accessibility",
            "materials",
            "agenda_items",
        ]


class EventListCreate(generics.ListCreateAPIView):
    """Events the caller may see, soonest first (upcoming by default: ``when=past|all``);
    filters ``kind``, ``network``, ``organiser``, ``municipality`` and ``q``."""

    filterset_class = EventFilter
    ordering_fields = ["starts_at", "title"]
    rules = {
        "GET": None,  # the list is scoped by events_visible_to (events.view_event)
        # Organisers of some organisation; event_create checks events.add_event on the one named.
        "POST": "events.start_event",
    }

    def get_serializer_class(self) -> Any:
        return EventDetailSerializer if self.request.method == "POST" else EventSerializer

    def get_queryset(self) -> Any:
        return event_list(user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        event = services.event_create(actor=user, **serializer.validated_data)
        serializer.instance = access_event(user=user, slug=event.slug)


class EventDetail(generics.RetrieveUpdateAPIView):
    """One event with its agenda; its organisers may change it."""

    serializer_class = EventDetailSerializer
    rules = {
        "GET": "events.view_event",
        "PUT": "events.change_event",
        "PATCH": "events.change_event",
    }

    def get_object(self) -> Event:
        event = access_event(user=self.request.user, slug=self.kwargs["slug"])
        self.check_object_permissions(self.request, event)
        return event

    def perform_update(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        event = services.event_update(
            actor=user, event=serializer.instance, **serializer.validated_data
        )
        serializer.instance = access_event(user=user, slug=event.slug)


class RegistrationSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    waiting_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "organisation",
            "name",
            "email",
            "status",
            "diet",
            "accessibility_needs",
            "created_at",
            "waiting_position",
        ]
        read_only_fields = ["status", "created_at"]

    def get_waiting_position(self, registration: Registration) -> int | None:
        return waiting_position(registration=registration)


class EventRegistrations(generics.ListCreateAPIView):
    """The caller's registrations for the event (their own and colleagues'); POST registers
    the caller, or with ``organisation``, ``name`` and ``email`` a colleague within the quota."""

    serializer_class = RegistrationSerializer
    filter_backends: list[Any] = []
    object_rules = True
    rules = {
        "GET": "events.view_event",
        "POST": "events.register_event",
    }

    def event(self) -> Event:
        cached = getattr(self, "_event", None)
        if cached is None:
            cached = access_event(user=self.request.user, slug=self.kwargs["slug"])
            self._event = cached
        return cached

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not getattr(self, "swagger_fake_view", False):
            self.check_object_permissions(request, self.event())

    def get_queryset(self) -> Any:
        return my_registrations(user=self.request.user, event=self.event())

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        if data.get("organisation") is None:
            data.pop("organisation", None)
            data.pop("name", None)
            data.pop("email", None)
        serializer.instance = services.registration_create(
            actor=signed_in(self.request.user), event=self.event(), **data
        )


class RegistrationCancel(generics.GenericAPIView):
    """Cancel a registration: the participant, whoever registered them, or the organisers.
    A seat given up goes to the first on the waiting list."""

    serializer_class = RegistrationSerializer
    rules = {"POST": None}  # access_registration checks events.change_registration (403)

    def post(self, request: Request, slug: str, pk: int) -> Response:
        user = signed_in(request.user)
        registration = access_registration(user=user, event_slug=slug, pk=pk)
        cancelled = services.registration_cancel(actor=user, registration=registration)
        return Response(self.get_serializer(cancelled).data)


class NetworkMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = NetworkMember
        fields = ["id", "organisation", "organisation_name", "theme", "is_coordinator", "joined_on"]


class NetworkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:network-detail", lookup_field="slug")
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Network
        fields = ["url", "slug", "name", "summary", "member_count"]


class NetworkDetailSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = ["slug", "name", "summary", "description", "members"]

    def get_members(self, network: Network) -> list[dict[str, Any]]:
        return NetworkMemberSerializer(network_members(network=network), many=True).data  # type: ignore[return-value]


class NetworkList(generics.ListAPIView):
    """Networks by name, with how many members each has; ``q`` searches them."""

    serializer_class = NetworkSerializer
    filter_backends: list[Any] = []
    rules = {"GET": None}  # networks are public (events.view_network)

    def get_queryset(self) -> Any:
        query = str(self.request.query_params.get("q", ""))[:200].replace("\x00", "")
        return network_list(user=self.request.user, query=query)


class NetworkDetail(generics.RetrieveAPIView):
    """One network with its members and their themes."""

    serializer_class = NetworkDetailSerializer
    rules = {"GET": "events.view_network"}

    def get_object(self) -> Network:
        network = access_network(user=self.request.user, slug=self.kwargs["slug"])
        self.check_object_permissions(self.request, network)
        return network
