"""API of the current user's notifications."""

from typing import Any

from rest_framework import generics, permissions, serializers

from samskapa.core.access import signed_in
from samskapa.core.models import Notification
from samskapa.core.selectors import notifications_for


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at"]


class NotificationList(generics.ListAPIView):
    """The caller's own notifications, newest first."""

    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields: list[str] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        return notifications_for(user=signed_in(self.request.user))
