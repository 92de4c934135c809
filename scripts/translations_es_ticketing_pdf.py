"""Spanish for PDF tickets, ticket transfer and the buyer's billing pages
(commerce/ticketing/pdf.py, transfers.py, account_views.py, templates/dashboard/billing*)."""

ES = {
    # transfers and downloads
    "The ticket now belongs to %(name)s; we emailed them their ticket.": (
        "La entrada ahora es de %(name)s; le enviamos su entrada por correo."
    ),
    "There is no such ticket, or it is not yours.": "No existe esa entrada, o no es tuya.",
    "There is no such order, or it is not yours.": "No existe ese pedido, o no es tuyo.",
    "New attendee's name": "Nombre de quien asistirá",
    "New attendee's email": "Correo de quien asistirá",
    "This ticket is not paid for yet.": "Esta entrada todavía no está pagada.",
    "This ticket was already used at the door.": "Esta entrada ya se usó para ingresar al evento.",
    "The event is over or cancelled.": "El evento ya terminó o se canceló.",
    "Give the new attendee's name.": "Escribe el nombre de quien asistirá.",
    "At most 120 characters.": "Máximo 120 caracteres.",
    "Check the new attendee's details.": "Revisa los datos de quien asistirá.",
    "Only the ticket's buyer or its attendee can transfer it.": (
        "Solo quien compró la entrada o quien asiste con ella puede transferirla."
    ),
    "This person already holds the ticket.": "Esta persona ya tiene la entrada.",
    "Give someone else's email address.": "Escribe el correo de otra persona.",
    "Transfer a ticket": "Transferir una entrada",
    "Ticket %(code)s for %(event)s, now held by %(name)s.": (
        "Entrada %(code)s para %(event)s, ahora a nombre de %(name)s."
    ),
    "The new attendee receives a new PDF ticket by email; the current QR code stops working at once.": (
        "Quien la recibe obtiene por correo una entrada nueva en PDF; el código QR actual deja de funcionar de inmediato."
    ),
    "Transfer the ticket": "Transferir la entrada",
    # order statuses ("Awaiting payment" is in translations_es_ticketing_payments.py)
    "Payment confirmed": "Pago confirmado",
    "Order cancelled": "Pedido cancelado",
    "Order expired": "Pedido vencido",
    "Refunded in full": "Reembolsado por completo",
    "Partly refunded": "Reembolsado en parte",
    # billing and receipt
    "Billing": "Facturación",
    "You have not placed any orders yet.": "Todavía no has hecho ningún pedido.",
    "Order %(number)s": "Pedido %(number)s",
    "Date": "Fecha",
    "Quantity": "Cantidad",
    "PDF": "PDF",
    "Transfer": "Transferir",
    "Receipt for order %(number)s": "Recibo del pedido %(number)s",
    "All orders": "Todos los pedidos",
    "Seller": "Vendedor",
    "Buyer": "Comprador",
    "Payment status": "Estado del pago",
    "Lines": "Conceptos",
    "Item": "Concepto",
    "Unit price": "Precio unitario",
    "Subtotal before tax": "Subtotal antes de impuestos",
    "Tax (IVA)": "Impuesto (IVA)",
    "Print": "Imprimir",
    # dashboard overview
    "My upcoming tickets": "Mis próximas entradas",
    "No tickets for upcoming events.": "No tienes entradas para próximos eventos.",
    "Orders and tickets": "Pedidos y entradas",
    # emails
    "Show the QR code in the attached PDF (or tell the code) at the door. The calendar file adds the event to your calendar.": (
        "Muestra el código QR del PDF adjunto (o di el código) en la entrada. El archivo de calendario agrega el evento a tu calendario."
    ),
    "Hello %(name)s, %(old)s passed you their ticket for %(event)s.": (
        "Hola, %(name)s: %(old)s te pasó su entrada para %(event)s."
    ),
    "A ticket for %(event)s is now yours": "Ya tienes una entrada para %(event)s",
    "Hello %(old)s, the ticket %(code)s for %(event)s now belongs to %(name)s.": (
        "Hola, %(old)s: la entrada %(code)s para %(event)s ahora es de %(name)s."
    ),
    "Its earlier QR code no longer admits anyone: the new holder received a new one.": (
        "Su código QR anterior ya no da acceso a nadie: quien la recibió tiene uno nuevo."
    ),
    "If you did not make this transfer, reply to this email.": (
        "Si no hiciste esta transferencia, responde a este correo."
    ),
    "Your ticket for %(event)s was transferred": "Tu entrada para %(event)s fue transferida",
    # the PDF
    "This ticket is void.": "Esta entrada está anulada.",
    "QR code": "Código QR",
    "Show this QR code (or tell the code) at the door. One person per ticket.": (
        "Muestra este código QR (o di el código) en la entrada. Una persona por entrada."
    ),
}
