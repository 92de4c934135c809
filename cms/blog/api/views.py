"""Blog comments API: approved comments of a post for anyone; members write new ones, which
wait for a moderator like on the site (same service)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response

from config.api.filters import API_FILTER_BACKENDS

from .. import selectors, services
from ..models import BlogComment, BlogPostPage
from . import serializers as s


def _post(pk):
    post = BlogPostPage.objects.live_post(pk)
    if post is None:
        raise Http404
    return post


class PostCommentsView(generics.ListCreateAPIView):
    """Approved comments and replies of a published blog post, oldest first (`parent` links
    a reply to its comment). POST adds a comment or reply, held until a moderator approves."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = s.CommentSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BlogComment.objects.none()
        return selectors.approved_comments(_post(self.kwargs["pk"]))

    @extend_schema(request=s.CommentCreateSerializer, responses={201: s.CommentSerializer})
    def post(self, request, pk):
        post = _post(pk)
        data = s.CommentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_create(
            author=request.user,
            post=post,
            body=data.validated_data["body"],
            parent_id=data.validated_data.get("parent"),
        )
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
