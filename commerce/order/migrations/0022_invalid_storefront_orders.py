"""Orders Oscar's storefront checkout placed without a seat hold become invalid (issue #19).

Such an order has no seat hold, no ticket and no payment: it was never a sale. Each gets the
status "Invalid" (`Order.INVALID`), a status change and a note that staff see in Oscar's
dashboard, and what Oscar counted when it placed it is taken back: the product's and the
customer's analytics, and the uses of any offer or promo code it applied. Orders placed
from a seat hold (they have one, and tickets) are left as they are. Running it again
changes nothing."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Greatest

INVALID = "Invalid"  # Order.INVALID (commerce/order/models.py)
NOTE = (
    "Pedido no válido: se hizo en la tienda de Oscar, sin reserva de cupos, entrada ni pago. "
    "No es una venta y no se cuenta. / Invalid order: placed through Oscar's storefront, "
    "with no seat hold, ticket or payment. Not a sale, never counted."
)


def _less(model, filters: dict, **amounts) -> None:
    """Take `amounts` off the counters of the matching rows, never below zero."""
    model._default_manager.filter(**filters).update(
        **{field: Greatest(F(field) - amount, 0) for field, amount in amounts.items()}
    )


def _give_back(apps, discount) -> None:
    """The offer's and promo code's uses the order took (Oscar's record_usage, undone)."""
    ConditionalOffer = apps.get_model("offer", "ConditionalOffer")
    if discount.offer_id:
        _less(ConditionalOffer, {"pk": discount.offer_id}, num_orders=1,
              num_applications=discount.frequency or 0, total_discount=discount.amount)  # fmt: skip
        ConditionalOffer._default_manager.filter(
            pk=discount.offer_id,
            status="Consumed",
            max_global_applications__gt=0,
            num_applications__lt=F("max_global_applications"),
        ).update(status="Open")
    if discount.voucher_id:
        Voucher = apps.get_model("voucher", "Voucher")
        VoucherApplication = apps.get_model("voucher", "VoucherApplication")
        _less(Voucher, {"pk": discount.voucher_id}, num_orders=1, total_discount=discount.amount)
        VoucherApplication._default_manager.filter(
            voucher_id=discount.voucher_id, order_id=discount.order_id
        ).delete()


def mark_invalid(apps, schema_editor) -> None:
    Order = apps.get_model("order", "Order")
    OrderNote = apps.get_model("order", "OrderNote")
    OrderStatusChange = apps.get_model("order", "OrderStatusChange")
    ProductRecord = apps.get_model("analytics", "ProductRecord")
    UserRecord = apps.get_model("analytics", "UserRecord")
    held = apps.get_model("ticketing", "SeatHold")._default_manager.filter(order__isnull=False)
    ticketed = apps.get_model("ticketing", "Ticket")._default_manager.all()
    found = (
        Order._default_manager.exclude(status=INVALID)
        .exclude(pk__in=held.values("order_id"))
        .exclude(pk__in=ticketed.values("order_id"))
        .prefetch_related("lines", "discounts")
    )
    for order in found:
        lines = list(order.lines.all())
        for line in lines:
            if line.product_id:
                _less(ProductRecord, {"product_id": line.product_id}, num_purchases=line.quantity)
        if order.user_id:
            _less(UserRecord, {"user_id": order.user_id}, num_orders=1,
                  num_order_lines=len(lines), num_order_items=sum(x.quantity for x in lines),
                  total_spent=order.total_incl_tax)  # fmt: skip
        for discount in order.discounts.all():
            _give_back(apps, discount)
        OrderStatusChange._default_manager.create(
            order=order, old_status=order.status, new_status=INVALID
        )
        OrderNote._default_manager.create(order=order, note_type="System", message=NOTE)
        Order._default_manager.filter(pk=order.pk).update(status=INVALID)


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("analytics", "0003_auto_20200801_0817"),
        ("offer", "0013_range_excluded_categories"),
        ("voucher", "0010_auto_20210224_0712"),
        ("ticketing", "0007_seat_counters"),
    ]

    operations = [migrations.RunPython(mark_invalid, migrations.RunPython.noop)]
