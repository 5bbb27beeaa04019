"""API token (API-nyckel) for an e-mail address and password, under the login form's limits."""

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.accounts import services
from samskapa.accounts.models import User


def _too_many_attempts() -> exceptions.Throttled:
    return exceptions.Throttled(
        detail=_("Too many attempts to log in. Wait a few minutes and try again.")
    )


def authenticate_with_login_limits(request: HttpRequest, *, email: str, password: str) -> Any:
    """The user with this e-mail address and password, or None, counted as a login attempt.

    The same check and the same counters as the login form (allauth's ``login`` and
    ``login_failed`` rate limits, per client address and per e-mail address), so that a lockout
    on one door closes the other. Raises ``Throttled`` while the limits refuse.
    """
    if not ratelimit.consume(request, action="login"):
        raise _too_many_attempts()
    try:
        return get_adapter(request).authenticate(request, email=email, password=password)
    except DjangoValidationError as error:
        if error.code == "too_many_login_attempts":
            raise _too_many_attempts() from error
        raise


class TokenCredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("The e-mail address you log in with."),
        max_length=254,
        write_only=True,
    )
    password = serializers.CharField(
        label=gettext_lazy("Password"),
        style={"input_type": "password"},
        trim_whitespace=False,
        max_length=4096,
        write_only=True,
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request: Request = self.context["request"]
        user = authenticate_with_login_limits(
            request._request, email=attrs["username"].strip(), password=attrs["password"]
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                _("Unable to log in with this e-mail address and password."),
                code="authorization",
            )
        attrs["user"] = user
        return attrs


class ApiTokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class LoginThrottledSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class TokenObtain(APIView):
    """Trade an e-mail address and password for an API token; send it as ``Token <key>``.

    Wrong passwords count against the same limits as the login form: after a few for one
    e-mail address, or many from one address, both refuse for a while (429).
    """

    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=TokenCredentialsSerializer,
        responses={
            200: ApiTokenSerializer,
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Wrong e-mail address or password, or a field missing.",
            ),
            429: OpenApiResponse(
                LoginThrottledSerializer,
                description="Too many attempts for this e-mail address or from this address.",
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TokenCredentialsSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user: User = serializer.validated_data["user"]
        token = services.api_token_issue(actor=user)
        return Response(ApiTokenSerializer({"token": token.key}).data)
