"""The public forums: categories, topics with their posts, search; writing for members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError

from . import selectors, services
from .forms import EditForm, ReplyForm, ReportForm, SearchForm, TopicForm

TOPICS_PER_PAGE = 25
POSTS_PER_PAGE = 30


def _page(request, items, per_page):
    paginator = Paginator(items, per_page)
    number = request.GET.get("page")
    return paginator.get_page(paginator.num_pages if number == "last" else number)


def forum_index(request):
    return TemplateResponse(
        request,
        "forums/index.html",
        {
            "categories": selectors.category_list(),
            "latest": selectors.topic_list(viewer=request.user)[:10],
            "search_form": SearchForm(),
        },
    )


def category_detail(request, slug: str):
    category = selectors.category_get(slug)
    if category is None:
        raise Http404
    return TemplateResponse(
        request,
        "forums/category.html",
        {
            "category": category,
            "subcategories": selectors.category_children(category),
            "topics": _page(
                request,
                selectors.topic_list(viewer=request.user, category=category),
                TOPICS_PER_PAGE,
            ),
            "following": selectors.subscribed(user=request.user, category=category),
        },
    )


def topic_detail(request, slug: str):
    topic = selectors.topic_get(viewer=request.user, slug=slug)
    if topic is None:
        raise Http404
    form = ReplyForm()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        form = ReplyForm(request.POST)
        if form.is_valid():
            parent = None
            if form.cleaned_data.get("parent"):
                parent = selectors.post_get(viewer=request.user, pk=form.cleaned_data["parent"])
            try:
                post = services.post_create(
                    author=request.user, topic=topic, body=form.cleaned_data["body"], parent=parent
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                if post.status == post.Status.PENDING:
                    messages.info(
                        request, _("Thanks! A moderator will publish your reply shortly.")
                    )
                return redirect(f"{topic.get_absolute_url()}?page=last#post-{post.pk}")
    else:
        services.topic_record_view(topic=topic, session=request.session)
    posts = selectors.post_list(viewer=request.user, topic=topic)
    return TemplateResponse(
        request,
        "forums/topic.html",
        {
            "topic": topic,
            "posts": _page(request, posts, POSTS_PER_PAGE),
            "form": form,
            "following": selectors.subscribed(user=request.user, topic=topic),
            "can_moderate": selectors.can_moderate(request.user),
        },
    )


@login_required
def topic_new(request):
    initial = {}
    category = selectors.category_get(request.GET.get("category", ""))
    if category is not None:
        initial["category"] = category
    form = TopicForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_create(
                author=request.user,
                category=form.cleaned_data["category"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except DomainError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            if topic.status == topic.Status.PENDING:
                messages.info(request, _("Thanks! A moderator will publish your topic shortly."))
            return redirect(topic.get_absolute_url())
    return TemplateResponse(request, "forums/topic_new.html", {"form": form})


@login_required
def post_edit(request, pk: int):
    post = selectors.post_get(viewer=request.user, pk=pk)
    if post is None or (
        post.author_id != request.user.pk and not selectors.can_moderate(request.user)
    ):
        raise Http404
    initial = {"body": post.body, "title": post.topic.title}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title") or None,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(f"{post.topic.get_absolute_url()}#post-{post.pk}")
    return TemplateResponse(request, "forums/post_edit.html", {"form": form, "post": post})


def post_history(request, pk: int):
    post = selectors.post_get(viewer=request.user, pk=pk)
    if post is None:
        raise Http404
    return TemplateResponse(
        request,
        "forums/post_history.html",
        {"post": post, "revisions": selectors.revision_list(post=post)},
    )


@login_required
def post_report(request, pk: int):
    post = selectors.post_get(viewer=request.user, pk=pk)
    if post is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(reporter=request.user, post=post, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you. A moderator will look at it."))
        return redirect(f"{post.topic.get_absolute_url()}#post-{post.pk}")
    return TemplateResponse(request, "forums/post_report.html", {"form": form, "post": post})


@login_required
@require_POST
def follow(request, slug: str, kind: str):
    if kind == "topic":
        target = selectors.topic_get(viewer=request.user, slug=slug)
        kwargs = {"topic": target}
    else:
        target = selectors.category_get(slug)
        kwargs = {"category": target}
    if target is None:
        raise Http404
    if request.POST.get("follow") == "1":
        services.subscribe(user=request.user, **kwargs)
        messages.success(request, _("You will hear about new posts here."))
    else:
        services.unsubscribe(user=request.user, **kwargs)
        messages.success(request, _("You no longer follow this."))
    return redirect(
        target.get_absolute_url()
        if kind == "topic"
        else reverse("forums:category", kwargs={"slug": slug})
    )


def forum_search(request):
    form = SearchForm(request.GET or None)
    results = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        results = selectors.topic_search(viewer=request.user, query=query)
    return TemplateResponse(
        request,
        "forums/search.html",
        {"form": form, "query": query, "results": _page(request, results, TOPICS_PER_PAGE)},
    )
