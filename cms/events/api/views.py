"""Organizer event submissions, venue proposals and the organizer's own events, through
the same services and permission checks as the site's wizard."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework import permissions as drf_permissions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.filters import API_FILTER_BACKENDS, params_of

from .. import permissions, services
from ..models import EventPage, EventSubmission, SubmissionStatus, Venue
from . import serializers as s

STEP_ERRORS = OpenApiResponse(
    s.StepErrorSerializer, description="Invalid input: `error.fields` names the problems by step."
)
NOT_AN_ORGANIZER = _(
    "Only organizers can submit events. Ask an administrator for the Organizer role."
)


class CanSubmit(drf_permissions.BasePermission):
    """Organizers and admins (the `events.submit_event` permission)."""

    message = NOT_AN_ORGANIZER

    def has_permission(self, request, view):
        return permissions.can_submit(request.user)


class CanSubmitOrReview(CanSubmit):
    """Organizers, and moderators who read every submission (their writes are refused by
    the services: only the organizer changes a submission)."""

    def has_permission(self, request, view):
        return permissions.can_submit(request.user) or permissions.sees_all_submissions(
            request.user
        )


class CanApproveVenues(drf_permissions.BasePermission):
    message = _("Only administrators approve venues.")

    def has_permission(self, request, view):
        return permissions.can_approve_venues(request.user)


def _submissions(user):
    queryset = EventSubmission.objects.select_related("locale")
    return permissions.visible_submissions(user, queryset)


def _submission(request, pk) -> EventSubmission:
    submission = _submissions(request.user).select_related("image", "page").filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def _detail(request, pk, status_code=status.HTTP_200_OK) -> Response:
    """The submission as stored now, with what still blocks sending it."""
    submission = _submission(request, pk)
    submission.api_problems = services.submission_problems(submission)
    data = s.SubmissionDetailSerializer(submission, context={"request": request}).data
    return Response(data, status=status_code)


class SubmissionListView(generics.ListCreateAPIView):
    """The caller's submissions, latest change first (moderators and admins: everyone's,
    filtered by `status` and `organizer`). POST starts a draft, with any sections given."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmitOrReview]
    serializer_class = s.SubmissionSerializer
    filter_backends = API_FILTER_BACKENDS
    filter_params = params_of(s.SubmissionFilterSerializer)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=SubmissionStatus.values, description="Status."
            ),
            OpenApiParameter(
                "organizer",
                OpenApiTypes.INT,
                description="An organizer's user id (moderators and admins).",
            ),
        ],
        operation_id="events_submissions_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return EventSubmission.objects.none()
        params = s.SubmissionFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        queryset = _submissions(self.request.user)
        if params.validated_data.get("status"):
            queryset = queryset.filter(status=params.validated_data["status"])
        organizer = params.validated_data.get("organizer")
        if organizer and permissions.sees_all_submissions(self.request.user):
            queryset = queryset.filter(organizer_id=organizer)
        return queryset.order_by("-updated_at", "-pk")

    @extend_schema(
        request=s.SubmissionCreateSerializer,
        responses={201: s.SubmissionDetailSerializer, 400: STEP_ERRORS},
        operation_id="events_submissions_create",
    )
    def post(self, request, *args, **kwargs):
        data = s.SubmissionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submission = services.submission_create(
            user=request.user,
            language=data.validated_data.get("language"),
            data=data.validated_data.get("sections"),
        )
        return _detail(request, submission.pk, status.HTTP_201_CREATED)


class SubmissionDetailView(APIView):
    """One submission: its answers by step, what still blocks sending it, the moderators'
    feedback. PATCH saves sections of a draft (all or nothing)."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmitOrReview]

    @extend_schema(
        responses={200: s.SubmissionDetailSerializer}, operation_id="events_submissions_detail"
    )
    def get(self, request, pk):
        return _detail(request, pk)

    @extend_schema(
        request=s.SectionsUpdateSerializer,
        responses={200: s.SubmissionDetailSerializer, 400: STEP_ERRORS},
        operation_id="events_submissions_save",
    )
    def patch(self, request, pk):
        submission = _submission(request, pk)
        data = s.SectionsUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.submission_save_sections(
            submission=submission, user=request.user, data=data.validated_data["sections"]
        )
        return _detail(request, pk)


class SubmissionSubmitView(APIView):
    """Send for review: the event becomes a page revision in the moderation workflow."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmitOrReview]

    @extend_schema(
        request=None,
        responses={200: s.SubmissionDetailSerializer, 400: STEP_ERRORS},
        operation_id="events_submissions_submit",
    )
    def post(self, request, pk):
        services.submission_submit(submission=_submission(request, pk), user=request.user)
        return _detail(request, pk)


class SubmissionWithdrawView(APIView):
    """Take a submission back from review to change it."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmitOrReview]

    @extend_schema(
        request=None,
        responses={200: s.SubmissionDetailSerializer},
        operation_id="events_submissions_withdraw",
    )
    def post(self, request, pk):
        services.submission_withdraw(submission=_submission(request, pk), user=request.user)
        return _detail(request, pk)


class SubmissionImageView(APIView):
    """Upload the event's image (multipart: `image` and its description `image_alt`)."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmitOrReview]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.ImageUploadSerializer},
        responses={200: s.SubmissionDetailSerializer},
        operation_id="events_submissions_image",
    )
    def put(self, request, pk):
        submission = _submission(request, pk)
        alt_text = request.data.get("image_alt", "")
        services.submission_set_image(
            submission=submission,
            user=request.user,
            upload=request.FILES.get("image"),
            alt_text=alt_text if isinstance(alt_text, str) else "",
        )
        return _detail(request, pk)


class VenueListView(generics.ListCreateAPIView):
    """Approved venues and the caller's own proposals, by name. POST proposes a venue:
    usable at once in the caller's events, by everyone once an administrator approves it."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmit]
    serializer_class = s.VenueSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Venue.objects.none()
        mine = Q(created_by=self.request.user)
        return Venue.objects.filter(Q(is_approved=True) | mine).order_by("name", "pk")

    @extend_schema(
        request=s.VenueProposalSerializer,
        responses={201: s.VenueSerializer},
        operation_id="events_venues_propose",
    )
    def post(self, request, *args, **kwargs):
        data = s.VenueProposalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        venue = services.venue_propose(user=request.user, data=data.validated_data)
        serializer = s.VenueSerializer(venue, context={"request": request})
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class VenueApproveView(APIView):
    """Administrators: make a proposed venue available to every organizer."""

    permission_classes = [drf_permissions.IsAuthenticated, CanApproveVenues]

    @extend_schema(
        request=None, responses={200: s.VenueSerializer}, operation_id="events_venues_approve"
    )
    def post(self, request, pk):
        venue = Venue.objects.select_related("created_by").filter(pk=pk).first()
        if venue is None:
            raise Http404
        venue = services.venue_approve(venue=venue, by=request.user)
        return Response(s.VenueSerializer(venue, context={"request": request}).data)


class MyEventListView(generics.ListAPIView):
    """Events the caller organizes or co-organizes, in every language and state, latest
    start first, with the status of the submission each came from."""

    permission_classes = [drf_permissions.IsAuthenticated, CanSubmit]
    serializer_class = s.MyEventSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return EventPage.objects.none()
        own = EventPage.objects.filter(permissions.own_events_filter(self.request.user))
        return (
            EventPage.objects.filter(pk__in=own.values("pk"))
            .select_related("locale", "submission")
            .order_by("-start", "-pk")
        )
