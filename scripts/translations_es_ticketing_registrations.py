"""Spanish for the organizers' registrations (dashboard, admin Attendees page, API),
messages to attendees and inventory alerts."""

ES = {
    "all tickets": "todas las entradas",
    "Waiting to be sent": "Por enviar",
    "Sending": "Enviándose",
    "message to attendees": "mensaje a los asistentes",
    "messages to attendees": "mensajes a los asistentes",
    "inventory alert": "alerta de inventario",
    "inventory alerts": "alertas de inventario",
    "Subject": "Asunto",
    "Message": "Mensaje",
    "The tickets of order %(number)s are on their way.": (
        "Las entradas del pedido %(number)s van en camino."
    ),
    "Your message is being sent to %(n)s attendees.": (
        "Tu mensaje se está enviando a %(n)s asistentes."
    ),
    "This message was already sent; it was not sent again.": (
        "Este mensaje ya se envió; no se envió de nuevo."
    ),
    "Checked in": "Ingresó",
    "Not checked in yet": "Aún no ingresa",
    "Only the event's organizers and admins see its registrations.": (
        "Solo los organizadores del evento y los administradores ven sus inscripciones."
    ),
    "Yes": "Sí",
    "No": "No",
    "Order": "Pedido",
    "This order has no valid tickets to send.": "Este pedido no tiene entradas válidas para enviar.",
    "Write a subject.": "Escribe un asunto.",
    "Write a message.": "Escribe un mensaje.",
    "The subject is one line.": "El asunto va en una sola línea.",
    "The message could not be sent.": "No se pudo enviar el mensaje.",
    "No one holds a valid ticket for this event yet.": (
        "Todavía nadie tiene una entrada válida para este evento."
    ),
    "You receive this message because you hold a ticket for “%(event)s”.": (
        "Recibes este mensaje porque tienes una entrada para “%(event)s”."
    ),
    "Tickets of my events are almost sold out": "Las entradas de mis eventos casi se agotan",
    "Almost sold out: {tickets}, “{event}”": "Casi agotado: {tickets}, “{event}”",
    "Hello {name}, {sold} of {capacity} seats are sold for {tickets} of “{event}”: more than "
    "four in five.": (
        "Hola {name}, se vendieron {sold} de {capacity} cupos de {tickets} de “{event}”: más "
        "de cuatro de cada cinco."
    ),
    "Tickets of my events sell out": "Las entradas de mis eventos se agotan",
    "Sold out: {tickets}, “{event}”": "Agotado: {tickets}, “{event}”",
    "Hello {name}, all {capacity} seats are sold for {tickets} of “{event}”.": (
        "Hola {name}, se vendieron los {capacity} cupos de {tickets} de “{event}”."
    ),
    "Registrations": "Inscripciones",
    "Attendees": "Asistentes",
    "%(sold)s tickets sold, %(checked_in)s checked in.": (
        "%(sold)s entradas vendidas, %(checked_in)s ingresaron."
    ),
    "Search attendees": "Buscar asistentes",
    "Download CSV": "Descargar CSV",
    "Ticket types": "Tipos de entrada",
    "No attendees match.": "Ningún asistente coincide.",
    "All registrations": "Todas las inscripciones",
    "Capacity: %(capacity)s.": "Aforo: %(capacity)s.",
    "Resend tickets": "Reenviar entradas",
    "Message attendees": "Escribir a los asistentes",
    "One email to each person holding a valid ticket, in plain text. Replies come to your "
    "email address.": (
        "Un correo a cada persona con una entrada válida, en texto plano. Las respuestas "
        "llegan a tu correo."
    ),
    "Send to attendees": "Enviar a los asistentes",
    "Messages sent": "Mensajes enviados",
    ("%(counter)s recipient", "%(counter)s recipients"): (
        "%(counter)s destinatario",
        "%(counter)s destinatarios",
    ),
    "Registrations to the events you organize": "Inscripciones a los eventos que organizas",
    "Tickets sold": "Entradas vendidas",
    "No limit": "Sin límite",
    "None of your events has tickets yet. Once an event has ticket types, its registrations "
    "appear here.": (
        "Ninguno de tus eventos tiene entradas todavía. Cuando un evento tenga tipos de "
        "entrada, sus inscripciones aparecerán aquí."
    ),
}
