"""Stripe's webhook endpoint: verified and processed by services/payments.webhook_receive."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.errors import DomainError

from ..services import payments


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        outcome = payments.webhook_receive(request.body, request.headers.get("Stripe-Signature"))
    except DomainError as exc:
        return JsonResponse({"error": {"code": exc.code, "message": exc.message}}, status=400)
    return HttpResponse(outcome, content_type="text/plain")
