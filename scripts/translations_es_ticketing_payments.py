"""Spanish for payments, refunds, the waitlist and pricing (steps, promo codes, IVA)."""

ES = {
    "IVA (%)": "IVA (%)",
    "Included in the price, e.g. 19. Zero when the ticket is exempt.": (
        "Incluido en el precio, p. ej. 19. Cero si la entrada está exenta."
    ),
    "Price steps never go below this.": "Los escalones de precio nunca bajan de aquí.",
    "Price steps never go above this.": "Los escalones de precio nunca suben de aquí.",
    "IVA is a percentage between 0 and 99.": "El IVA es un porcentaje entre 0 y 99.",
    "After this many sold": "Después de tantas vendidas",
    "After this share of capacity sold (%)": "Después de vender este porcentaje del aforo (%)",
    "when": "cuándo",
    "threshold": "umbral",
    "Guest buyer's email, once known.": "Correo del comprador invitado, cuando se conoce.",
    "Awaiting payment": "Esperando el pago",
    "Partially refunded": "Reembolsado en parte",
    "Refunded": "Reembolsado",
    "from": "de",
    "to": "a",
    "site, api, admin, a Stripe event id, system": (
        "sitio, api, admin, un id de evento de Stripe, sistema"
    ),
    "Succeeded": "Completado",
    "disputed": "disputado",
    "payment": "pago",
    "payments": "pagos",
    "Being refunded": "En reembolso",
    "Made by the platform, e.g. a payment after the seats were gone.": (
        "Hecho por la plataforma, p. ej. un pago que llegó cuando ya no había cupos."
    ),
    "refund": "reembolso",
    "refunds": "reembolsos",
    "Offered a seat": "Con cupo ofrecido",
    "Bought": "Comprado",
    "Left the list": "Salió de la lista",
    "waitlist entry": "inscripción en lista de espera",
    "waitlist": "lista de espera",
    "Paid after the reservation expired": "Pagado después de que venció la reserva",
    "Paid after the seats were sold": "Pagado cuando los cupos ya se habían vendido",
    "Paid after the order was cancelled": "Pagado después de cancelar el pedido",
    "Card payment received": "Pago con tarjeta recibido",
    "Card payment failed: %(m)s": "El pago con tarjeta falló: %(m)s",
    "Card numbers are never sent to this server.": (
        "Los números de tarjeta nunca se envían a este servidor."
    ),
    "Check the card number.": "Revisa el número de la tarjeta.",
    "This card needs 3-D Secure, which the test form cannot show.": (
        "Esta tarjeta necesita 3-D Secure, que el formulario de prueba no puede mostrar."
    ),
    "Only paid orders can be refunded (this one is %(s)s).": (
        "Solo se reembolsan pedidos pagados (este está en %(s)s)."
    ),
    "Refunded by the organizer": "Reembolsado por la organización",
    "Implied by a refund": "Deducido de un reembolso",
    "Refunded in Stripe": "Reembolsado en Stripe",
    "Bad signature.": "Firma inválida.",
    "Only the buyer cancels an unpaid order.": "Solo quien compra cancela un pedido sin pagar.",
    "This code does not apply to this ticket.": "Este código no aplica a esta entrada.",
    "This code does not exist. Check it and try again.": (
        "Este código no existe. Revísalo e inténtalo de nuevo."
    ),
    "Code %(code)s": "Código %(code)s",
    "An amount above zero.": "Un valor mayor que cero.",
    "A group is at least 2 tickets.": "Un grupo es de al menos 2 entradas.",
    "Group of %(n)s or more: %(p)s%% off": "Grupo de %(n)s o más: %(p)s%% de descuento",
    "Give a whole-number threshold and a price.": "Indica un umbral entero y un precio.",
    "A threshold above zero and a price not below zero.": (
        "Un umbral mayor que cero y un precio no negativo."
    ),
    "A share of capacity is at most 100%.": "Un porcentaje del aforo es como máximo 100%.",
    "Two steps with the same threshold.": "Dos escalones con el mismo umbral.",
    "An order cannot go from %(a)s to %(b)s.": "Un pedido no puede pasar de %(a)s a %(b)s.",
    "This order can no longer be paid (%(s)s).": "Este pedido ya no se puede pagar (%(s)s).",
    "You left the waitlist.": "Saliste de la lista de espera.",
    "There are still tickets: buy them instead of waiting.": (
        "Aún hay entradas: cómpralas en vez de esperar."
    ),
    "Your payment for %(event)s (order %(number)s) arrived after your reservation had expired "
    "and the seats were gone, so we refunded it in full.": (
        "Tu pago para %(event)s (pedido %(number)s) llegó cuando tu reserva ya había vencido y "
        "no quedaban cupos, así que te lo reembolsamos completo."
    ),
    "no longer valid": "ya no es válida",
    "Card refunds take 5 to 10 business days to show on your statement.": (
        "Los reembolsos a tarjeta tardan de 5 a 10 días hábiles en verse en tu extracto."
    ),
    (
        "A ticket for %(event)s freed up and we reserved it for you.",
        "%(n)s tickets for %(event)s freed up and we reserved them for you.",
    ): (
        "Se liberó una entrada para %(event)s y la reservamos para ti.",
        "Se liberaron %(n)s entradas para %(event)s y las reservamos para ti.",
    ),
    "Claim it here before the reservation expires:": "Tómala aquí antes de que venza la reserva:",
    "If you do not claim it in time, it passes to the next person on the list.": (
        "Si no la tomas a tiempo, pasa a la siguiente persona de la lista."
    ),
    "IVA %(rate)s%% included": "IVA %(rate)s%% incluido",
    "This price ends in": "Este precio termina en",
    "Join the waitlist": "Unirme a la lista de espera",
    "before": "antes",
    "Payment": "Pago",
    "Subtotal": "Subtotal",
    "Total": "Total",
    "includes IVA %(tax)s": "incluye IVA %(tax)s",
    "Test mode (localstripe): use 4242 4242 4242 4242 to pay, 4000 0000 0000 0341 to see a "
    "declined card.": (
        "Modo de prueba (localstripe): usa 4242 4242 4242 4242 para pagar y "
        "4000 0000 0000 0341 para ver una tarjeta rechazada."
    ),
    "Card number": "Número de tarjeta",
    "Pay %(total)s %(currency)s": "Pagar %(total)s %(currency)s",
    "Confirming your payment": "Confirmando tu pago",
    "We are waiting for the card payment to be confirmed. This page refreshes by itself; your "
    "tickets are emailed as soon as it is.": (
        "Estamos esperando la confirmación del pago con tarjeta. Esta página se actualiza sola; "
        "te enviamos las entradas por correo apenas se confirme."
    ),
    "Waitlist": "Lista de espera",
    "You are number %(position)s in line. When seats free up we reserve them for you and email "
    "%(email)s.": (
        "Eres el número %(position)s en la fila. Cuando se liberen cupos los reservamos para ti "
        "y escribimos a %(email)s."
    ),
    "Leave the waitlist": "Salir de la lista de espera",
    "Claim them": "Tomarlas",
    "This waitlist entry is closed.": "Esta inscripción en la lista de espera está cerrada.",
    "There is no such order.": "No existe ese pedido.",
    "There is no such waitlist entry.": "No existe esa inscripción en la lista de espera.",
    "Choose ticket types of this event.": "Elige tipos de entrada de este evento.",
    "lowest price": "precio mínimo",
    "highest price": "precio máximo",
    "The highest price cannot be below the lowest.": (
        "El precio máximo no puede ser menor que el mínimo."
    ),
    "price step": "escalón de precio",
    "price steps": "escalones de precio",
    "Expired": "Vencido",
    "by": "por",
    "source": "origen",
    "order transition": "cambio de estado del pedido",
    "order transitions": "cambios de estado del pedido",
    "Waiting for the card": "Esperando la tarjeta",
    "amount": "valor",
    "Stripe event": "evento de Stripe",
    "Stripe events": "eventos de Stripe",
    "Waiting": "En espera",
    "Offer expired": "Oferta vencida",
    "email": "correo",
    "The payment service is not answering. Please try again in a moment.": (
        "El servicio de pagos no responde. Inténtalo de nuevo en un momento."
    ),
    "This order is not waiting for a payment.": "Este pedido no está esperando un pago.",
    "The card was declined.": "La tarjeta fue rechazada.",
    "Only the event's organizers and admins refund orders.": (
        "Solo la organización del evento y los administradores reembolsan pedidos."
    ),
    "Some tickets are not valid tickets of this order.": (
        "Algunas entradas no son entradas válidas de este pedido."
    ),
    "Choose valid tickets of this order.": "Elige entradas válidas de este pedido.",
    "This order has no valid tickets left.": "A este pedido no le quedan entradas válidas.",
    "Card dispute opened: %(reason)s": "Se abrió una disputa de la tarjeta: %(reason)s",
    "Webhooks are not configured.": "Los webhooks no están configurados.",
    "This code is not valid now.": "Este código no es válido ahora.",
    "This code needs at least %(n)s tickets.": "Este código necesita al menos %(n)s entradas.",
    "This code has been used up.": "Este código ya se agotó.",
    "You have already used this code.": "Ya usaste este código.",
    "Use 1 to 40 letters, digits, - or _.": "Usa de 1 a 40 letras, dígitos, - o _.",
    "This code is already in use.": "Este código ya existe.",
    "Give either a percentage or an amount off.": "Indica un porcentaje o un valor de descuento.",
    "A percentage between 1 and 100.": "Un porcentaje entre 1 y 100.",
    "The code must end after it starts.": "El código debe terminar después de empezar.",
    "The code could not be saved.": "No se pudo guardar el código.",
    "The group discount could not be saved.": "No se pudo guardar el descuento de grupo.",
    "Free registration": "Inscripción gratuita",
    "Waiting for the card payment": "Esperando el pago con tarjeta",
    "Give an email address for the waitlist.": "Indica un correo para la lista de espera.",
    "Choose between 1 and %(max)s tickets.": "Elige entre 1 y %(max)s entradas.",
    "This email is already on the waitlist for this ticket.": (
        "Este correo ya está en la lista de espera de esta entrada."
    ),
    "This waitlist entry belongs to another account.": (
        "Esta inscripción en la lista de espera pertenece a otra cuenta."
    ),
    "We refunded tickets of your order %(number)s for %(event)s.": (
        "Reembolsamos entradas de tu pedido %(number)s para %(event)s."
    ),
    "Your registration (order %(number)s) for %(event)s was cancelled.": (
        "Tu inscripción (pedido %(number)s) para %(event)s fue cancelada."
    ),
    "Amount": "Valor",
    "Your refund for %(event)s": "Tu reembolso para %(event)s",
    "Your registration for %(event)s was cancelled": "Tu inscripción para %(event)s fue cancelada",
    "Reserved until": "Reservada hasta",
    "A seat is waiting for you: %(event)s": "Un cupo te espera: %(event)s",
    "Have a promo or access code?": "¿Tienes un código promocional o de acceso?",
    "Continue to payment": "Continuar al pago",
    "Cancel the order": "Cancelar el pedido",
    "Back to the payment": "Volver al pago",
    ("%(counter)s × %(type)s for %(event)s.", "%(counter)s × %(type)s for %(event)s."): (
        "%(counter)s × %(type)s para %(event)s.",
        "%(counter)s × %(type)s para %(event)s.",
    ),
    "Seats are reserved for you.": "Hay cupos reservados para ti.",
    "Tickets to refund": "Entradas a reembolsar",
    "Refunded %(amount)s %(currency)s.": "Se reembolsaron %(amount)s %(currency)s.",
    "Percent off": "Porcentaje de descuento",
    "Amount off": "Valor de descuento",
    "Uses in total": "Usos en total",
    "Uses per buyer": "Usos por comprador",
    "From this many tickets": "Desde esta cantidad de entradas",
    "Saved.": "Guardado.",
    "All orders": "Todos los pedidos",
    "Buyer": "Comprador",
    "IVA": "IVA",
    "Refund": "Reembolso",
    "Refund the chosen tickets": "Reembolsar las entradas elegidas",
    "Refunds": "Reembolsos",
    "Change": "Cambio",
    "By": "Por",
    "Note": "Nota",
    "Orders": "Pedidos",
    "Promo codes and discounts": "Códigos promocionales y descuentos",
    "Order number or email": "Número de pedido o correo",
    "Placed": "Hecho",
    "No orders yet.": "Aún no hay pedidos.",
    "Promo codes": "Códigos promocionales",
    "Discount given": "Descuento dado",
    "No promo codes yet.": "Aún no hay códigos promocionales.",
    "Add the promo code": "Agregar el código promocional",
    "Group discounts": "Descuentos de grupo",
    "orders": "pedidos",
    "No group discounts yet.": "Aún no hay descuentos de grupo.",
    "Add the group discount": "Agregar el descuento de grupo",
    "also admits to": "también da entrada a",
    "A bundle: one ticket of this type also issues a ticket for each of these events and "
    "counts against their capacity.": (
        "Un paquete: cada entrada de este tipo emite también una entrada para cada uno de "
        "estos eventos y cuenta en su aforo."
    ),
    "Choose other events that you organize.": "Elige otros eventos que organices.",
    "Sold out for %(event)s, which this bundle includes.": (
        "Agotado para %(event)s, que este paquete incluye."
    ),
    "Bundles have no waitlist.": "Los paquetes no tienen lista de espera.",
    "Bundle: also admits to": "Paquete: también da entrada a",
    "Other events of yours: each ticket also issues a ticket for them.": (
        "Otros eventos tuyos: cada entrada emite también una entrada para ellos."
    ),
    "Many people are doing this right now. Please try again in a moment.": (
        "Mucha gente está haciendo esto ahora mismo. Inténtalo de nuevo en un momento."
    ),
    "A card payment for my events is disputed": "Disputan un pago con tarjeta de mis eventos",
    "Card dispute: order {order}, “{event}”": "Disputa de tarjeta: pedido {order}, “{event}”",
    (
        "Hello {name}, the buyer's bank disputes the payment of order {order} ({amount}) "
        "for “{event}”; the reason given is “{reason}”. Answer it in Stripe before its "
        "deadline, with the order's history and check-ins as evidence."
    ): (
        "Hola {name}, el banco del comprador disputa el pago del pedido {order} ({amount}) "
        "de “{event}”; el motivo indicado es “{reason}”. Respóndela en Stripe antes de su "
        "plazo, con el historial del pedido y los check-ins como prueba."
    ),
    "That is not a Stripe event.": "Eso no es un evento de Stripe.",
}
