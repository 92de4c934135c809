from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """?page=N&page_size=M (at most 100). Out-of-range pages answer 404 with a clear message."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
