"""Spanish for the integrity and security rules (issue #19): one way to buy a ticket, final
transfers, declared API parameters, image limits and unreadable request bodies."""

ES = {
    # Oscar's storefront is closed; its dashboard stays
    "Tickets are bought on the event's page.": "Las entradas se compran en la página del evento.",
    "Welcome": "Bienvenido",
    "Return to site": "Volver al sitio",
    # ticket transfers are final
    "transferred": "transferida",
    "Transferred to someone else": "Transferida a otra persona",
    "A transfer is final: from then on only the new attendee can download or transfer the "
    "ticket. You keep the order and its receipt.": "La transferencia es definitiva: desde "
    "entonces solo la nueva persona asistente puede descargar o transferir la entrada. Tú "
    "conservas el pedido y su recibo.",
    # images
    "The image has too many pixels; use one under 40 megapixels.": "La imagen tiene demasiados "
    "píxeles; usa una de menos de 40 megapíxeles.",
    "At most 40 megapixels.": "Como máximo 40 megapíxeles.",
    # the API's declared ordering and filters
    "This list cannot be ordered by “%(value)s”. Order it by one of: %(allowed)s (a leading "
    "“-” reverses the order).": "Esta lista no se puede ordenar por “%(value)s”. Ordénala por "
    "uno de estos: %(allowed)s (un “-” al comienzo invierte el orden).",
    "This list cannot be ordered: leave out “%(param)s”.": "Esta lista no se puede ordenar: "
    "quita “%(param)s”.",
    "Unknown parameter “%(name)s”. This list accepts: %(accepted)s.": "Parámetro desconocido: "
    "“%(name)s”. Esta lista acepta: %(accepted)s.",
    # request bodies
    "Send the request body as a JSON object.": "Envía el cuerpo de la solicitud como un "
    "objeto JSON.",
    "The request body is nested too deeply to read.": "El cuerpo de la solicitud está anidado "
    "a demasiada profundidad para leerlo.",
    "The request is larger than %(size)d MB; send less at once.": "La solicitud supera los "
    "%(size)d MB; envía menos de una vez.",
}
