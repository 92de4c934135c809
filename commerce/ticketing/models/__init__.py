"""Ticketing's models, one module per concern; every model is exported here.

Oscar checks stock before placing an order and reserves nothing in the basket, so on its
own it can sell the last seat twice. This layer sits between choosing tickets and placing
the order: choosing creates a `SeatHold` that expires, and holds are created only while an
event's `EventInventory` row is locked (services/availability.py), so availability is
computed and taken in one step. Every registration, free or paid, ends as an Oscar order
with one `Ticket` per attendee.
"""

from .holds import HoldStatus, SeatHold
from .inventory import EventInventory, InventoryAlert
from .orders import ORDER_TRANSITIONS, OrderStatus, OrderTransition
from .payments import Payment, PaymentStatus, Refund, RefundStatus, StripeEvent
from .registrations import AttendeeMessage
from .ticket_types import PriceStep, StepKind, TicketCategory, TicketType, TicketVisibility
from .tickets import Ticket, TicketStatus, ticket_code
from .waitlist import WaitlistEntry, WaitlistStatus

__all__ = [
    "ORDER_TRANSITIONS",
    "AttendeeMessage",
    "EventInventory",
    "HoldStatus",
    "InventoryAlert",
    "OrderStatus",
    "OrderTransition",
    "Payment",
    "PaymentStatus",
    "PriceStep",
    "Refund",
    "RefundStatus",
    "SeatHold",
    "StepKind",
    "StripeEvent",
    "Ticket",
    "TicketCategory",
    "TicketStatus",
    "TicketType",
    "TicketVisibility",
    "WaitlistEntry",
    "WaitlistStatus",
    "ticket_code",
]
