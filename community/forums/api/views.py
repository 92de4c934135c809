"""Forum API: the same rules as the site, through the same services and selectors."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.filters import API_FILTER_BACKENDS
from config.errors import ValidationFailed

from .. import selectors, services
from ..models import ForumBan, ForumCategory, Post, PostReport, PostRevision, Topic
from . import serializers as s


class IsModerator(permissions.BasePermission):
    message = "Only moderators can do this."

    def has_permission(self, request, view):
        return selectors.can_moderate(request.user)


def _topic(request, pk) -> Topic:
    topic = selectors.topic_get(viewer=request.user, pk=pk)
    if topic is None:
        raise Http404
    return topic


def _post(request, pk) -> Post:
    post = selectors.post_get(viewer=request.user, pk=pk)
    if post is None:
        raise Http404
    return post


def _category(pk) -> ForumCategory:
    category = ForumCategory.objects.filter(pk=pk, is_active=True).first()
    if category is None:
        raise Http404
    return category


class CategoryListView(generics.ListAPIView):
    """Open categories, ordered; `parent` makes the tree."""

    permission_classes = [permissions.AllowAny]
    serializer_class = s.CategorySerializer
    pagination_class = None
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ForumCategory.objects.none()
        top = selectors.category_list()
        return [item for c in top for item in (c, *c.subcategories)]


class TopicListView(generics.ListCreateAPIView):
    """Topics, pinned first then latest activity; `q` searches titles and posts."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = s.TopicSerializer
    filter_backends = API_FILTER_BACKENDS
    filter_params = ("category", "q")

    @extend_schema(
        parameters=[
            OpenApiParameter("category", OpenApiTypes.STR, description="A category's slug."),
            OpenApiParameter("q", OpenApiTypes.STR, description="Full-text search."),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Topic.objects.none()
        category = None
        if self.request.query_params.get("category"):
            category = selectors.category_get(self.request.query_params["category"][:100])
            if category is None:
                return Topic.objects.none()
        query = self.request.query_params.get("q", "")[:200]
        if query.strip():
            return selectors.topic_search(viewer=self.request.user, query=query, category=category)
        return selectors.topic_list(viewer=self.request.user, category=category)

    @extend_schema(request=s.TopicCreateSerializer, responses={201: s.TopicSerializer})
    def post(self, request, *args, **kwargs):
        data = s.TopicCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        topic = services.topic_create(
            author=request.user,
            category=_category(data.validated_data["category"]),
            title=data.validated_data["title"],
            body=data.validated_data["body"],
            language=data.validated_data.get("language"),
        )
        topic = selectors.topic_get(viewer=request.user, pk=topic.pk)
        return Response(s.TopicSerializer(topic).data, status=status.HTTP_201_CREATED)


class TopicDetailView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: s.TopicSerializer}, operation_id="forums_topics_detail")
    def get(self, request, pk):
        return Response(s.TopicSerializer(_topic(request, pk)).data)


class TopicPostsView(generics.ListCreateAPIView):
    """A topic's posts in order (the first is the opening post); POST replies."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = s.PostSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Post.objects.none()
        return selectors.post_list(
            viewer=self.request.user, topic=_topic(self.request, self.kwargs["pk"])
        )

    @extend_schema(request=s.PostCreateSerializer, responses={201: s.PostSerializer})
    def post(self, request, pk):
        topic = _topic(request, pk)
        data = s.PostCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = None
        if data.validated_data.get("parent"):
            parent = selectors.post_get(viewer=request.user, pk=data.validated_data["parent"])
            if parent is None:
                raise ValidationFailed(
                    _("You can only reply to a published post of this topic."),
                    code="invalid_parent",
                    fields={"parent": [_("You can only reply to a published post of this topic.")]},
                )
        post = services.post_create(
            author=request.user, topic=topic, body=data.validated_data["body"], parent=parent
        )
        return Response(s.PostSerializer(post).data, status=status.HTTP_201_CREATED)


class PostDetailView(APIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: s.PostSerializer}, operation_id="forums_posts_detail")
    def get(self, request, pk):
        return Response(s.PostSerializer(_post(request, pk)).data)

    @extend_schema(
        request=s.PostEditSerializer,
        responses={200: s.PostSerializer},
        operation_id="forums_posts_edit",
    )
    def patch(self, request, pk):
        post = _post(request, pk)
        data = s.PostEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_edit(post=post, editor=request.user, **data.validated_data)
        return Response(s.PostSerializer(post).data)


class RevisionListView(generics.ListAPIView):
    """A post's earlier texts, newest first."""

    permission_classes = [permissions.AllowAny]
    serializer_class = s.RevisionSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PostRevision.objects.none()
        return selectors.revision_list(post=_post(self.request, self.kwargs["pk"]))


class PostReportView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=s.ReportCreateSerializer, responses={201: None}, operation_id="forums_posts_report"
    )
    def post(self, request, pk):
        post = _post(request, pk)
        data = s.ReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_create(reporter=request.user, post=post, **data.validated_data)
        return Response(status=status.HTTP_201_CREATED)


class SubscriptionView(APIView):
    """Follow (PUT) or stop following (DELETE) a topic or a category."""

    permission_classes = [permissions.IsAuthenticated]
    kind = "topic"

    def _target(self, request, pk) -> dict:
        return (
            {"topic": _topic(request, pk)} if self.kind == "topic" else {"category": _category(pk)}
        )

    @extend_schema(request=None, responses={204: None})
    def put(self, request, pk):
        services.subscribe(user=request.user, **self._target(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.unsubscribe(user=request.user, **self._target(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CategorySubscriptionView(SubscriptionView):
    kind = "category"


# ---- moderators ------------------------------------------------------------------------


class PostModerateView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsModerator]

    @extend_schema(
        request=s.PostModerateSerializer,
        responses={200: s.PostSerializer},
        operation_id="forums_posts_moderate",
    )
    def post(self, request, pk):
        post = _post(request, pk)
        data = s.PostModerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_moderate(moderator=request.user, post=post, **data.validated_data)
        return Response(s.PostSerializer(post).data)


class TopicModerateView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsModerator]

    @extend_schema(
        request=s.TopicModerateSerializer,
        responses={200: s.TopicSerializer},
        operation_id="forums_topics_moderate",
    )
    def post(self, request, pk):
        topic = _topic(request, pk)
        data = s.TopicModerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        category = None
        if data.validated_data.get("category"):
            category = ForumCategory.objects.filter(pk=data.validated_data["category"]).first()
        topic = services.topic_moderate(
            moderator=request.user,
            topic=topic,
            action=data.validated_data["action"],
            category=category,
        )
        return Response(
            s.TopicSerializer(selectors.topic_get(viewer=request.user, pk=topic.pk)).data
        )


class ReportListView(generics.ListAPIView):
    """Open reports, oldest first, with the post and the reason."""

    permission_classes = [permissions.IsAuthenticated, IsModerator]
    serializer_class = s.ReportSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        return (
            PostReport.objects.filter(status=PostReport.Status.OPEN)
            .select_related("reporter__profile", "post__author__profile")
            .order_by("created_at", "pk")
        )


class ReportDismissView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsModerator]

    @extend_schema(request=None, responses={204: None}, operation_id="forums_reports_dismiss")
    def post(self, request, pk):
        report = PostReport.objects.filter(pk=pk).first()
        if report is None:
            raise Http404
        services.report_dismiss(moderator=request.user, report=report)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BanListView(generics.ListCreateAPIView):
    """Bans in force; POST bans a member from writing for a number of days."""

    permission_classes = [permissions.IsAuthenticated, IsModerator]
    serializer_class = s.BanSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        return ForumBan.objects.filter(lifted_at=None).order_by("-created_at", "-pk")

    @extend_schema(request=s.BanCreateSerializer, responses={201: s.BanSerializer})
    def post(self, request, *args, **kwargs):
        data = s.BanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = get_user_model().objects.filter(pk=data.validated_data["user_id"]).first()
        if user is None:
            raise Http404
        ban = services.user_ban(
            moderator=request.user,
            user=user,
            reason=data.validated_data["reason"],
            days=data.validated_data.get("days"),
        )
        return Response(s.BanSerializer(ban).data, status=status.HTTP_201_CREATED)


class BanLiftView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsModerator]

    @extend_schema(request=None, responses={200: s.BanSerializer}, operation_id="forums_bans_lift")
    def post(self, request, pk):
        ban = ForumBan.objects.filter(pk=pk).first()
        if ban is None:
            raise Http404
        return Response(s.BanSerializer(services.ban_lift(moderator=request.user, ban=ban)).data)
