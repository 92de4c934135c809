"""Spanish for ticketing: ticket types, seat holds, registration pages, announcements."""

ES = {
    "Empty: only the event's total applies.": "Vacío: solo cuenta el aforo total del evento.",
    "Give the attendee's name.": "Escribe el nombre del asistente.",
    "Only the event's organizers and admins manage its tickets.": (
        "Solo los organizadores del evento y los administradores gestionan sus entradas."
    ),
    "The attendee's account, when their email has one.": (
        "La cuenta del asistente, si su correo tiene una."
    ),
    "attendee's email": "correo del asistente",
    ("%(counter)s seat left", "%(counter)s seats left"): (
        "Queda %(counter)s cupo",
        "Quedan %(counter)s cupos",
    ),
    ("%(counter)s × %(type)s", "%(counter)s × %(type)s"): (
        "%(counter)s × %(type)s",
        "%(counter)s × %(type)s",
    ),
    "%(taken)s of %(capacity)s seats sold or reserved; %(registrants)s tickets issued.": (
        "%(taken)s de %(capacity)s cupos vendidos o reservados; %(registrants)s entradas emitidas."
    ),
    "A price cannot be negative.": "Un precio no puede ser negativo.",
    "Active": "Activa",
    "Add a ticket type": "Añadir un tipo de entrada",
    "After that they may go to someone else.": "Después pueden pasar a otra persona.",
    "Answer “%(question)s”.": "Responde “%(question)s”.",
    "Apply": "Aplicar",
    "At least one ticket per order.": "Al menos una entrada por pedido.",
    "At most %(n)s characters.": "Como máximo %(n)s caracteres.",
    "Attendee %(number)s": "Asistente %(number)s",
    "Back to the event": "Volver al evento",
    "Cancel": "Cancelar",
    "Cancelled: “{event}”": "Cancelado: “{event}”",
    "Card payment on the site opens soon; until then, ask the organizers.": (
        "El pago con tarjeta en el sitio llega pronto; mientras tanto, pregunta a los "
        "organizadores."
    ),
    "Choose between %(min)s and %(max)s tickets of this type.": (
        "Elige entre %(min)s y %(max)s entradas de este tipo."
    ),
    "Choose how many tickets you want.": "Elige cuántas entradas quieres.",
    "Choose one of the options for “%(q)s”.": "Elige una de las opciones de “%(q)s”.",
    "Confirm registration": "Confirmar inscripción",
    "Early bird": "Preventa",
    "Empty means no limit.": "Vacío significa sin límite.",
    "Events I registered for are cancelled": "Se cancelan eventos en los que me inscribí",
    "Events I registered for change date or are postponed": (
        "Eventos en los que me inscribí cambian de fecha o se aplazan"
    ),
    "Free RSVP": "Entrada libre (RSVP)",
    "Free or paid": "Gratis o de pago",
    "Free": "Gratis",
    "Full name": "Nombre completo",
    "Get tickets": "Conseguir entradas",
    "Give a valid email address.": "Escribe un correo electrónico válido.",
    "Give an email address for the order.": "Escribe un correo electrónico para el pedido.",
    "Give the details of each of the %(n)s attendees.": (
        "Da los datos de cada uno de los %(n)s asistentes."
    ),
    "Group": "Grupo",
    "Have a code?": "¿Tienes un código?",
    "Hello {name}, “{event}” has changed: it now takes place {when} (it was {before}). Your "
    "ticket is still valid.": (
        "Hola {name}, “{event}” cambió: ahora es el {when} (antes era el {before}). Tu entrada "
        "sigue siendo válida."
    ),
    "Hello {name}, “{event}”, planned for {when}, is cancelled. If you paid for a ticket, the "
    "organizers will be in touch about your refund.": (
        "Hola {name}, “{event}”, previsto para el {when}, se canceló. Si pagaste una entrada, "
        "los organizadores te contactarán para el reembolso."
    ),
    "Hidden tickets need a code that unlocks them.": (
        "Las entradas ocultas necesitan un código que las desbloquee."
    ),
    "Hidden: unlocked by a code": "Oculta: se desbloquea con un código",
    "How many": "Cuántas",
    "Left": "Quedan",
    "Many people are buying right now. Please try again in a moment.": (
        "Mucha gente está comprando en este momento. Inténtalo de nuevo en un momento."
    ),
    "New date for “{event}”": "Nueva fecha para “{event}”",
    "No shipping": "Sin envío",
    "No ticket types yet: add one so people can register.": (
        "Aún no hay tipos de entrada: añade uno para que la gente pueda inscribirse."
    ),
    "Not on sale right now.": "No está a la venta en este momento.",
    "On sale": "A la venta",
    "Only %(left)s seats left for this ticket.": "Solo quedan %(left)s cupos de esta entrada.",
    "Order %(number)s for %(event)s.": "Pedido %(number)s para %(event)s.",
    "Other": "Otra",
    "Out of range.": "Fuera de rango.",
    "Paid tickets are bought with a card payment, not here.": (
        "Las entradas de pago se compran con pago con tarjeta, no aquí."
    ),
    "Paid": "De pago",
    "Price": "Precio",
    "Public": "Pública",
    "Registration has not opened yet.": "La inscripción aún no ha abierto.",
    "Registration is closed.": "La inscripción está cerrada.",
    "Regular": "General",
    "Release my seats": "Liberar mis cupos",
    "Released": "Liberada",
    "Reserve": "Reservar",
    "Sold or reserved": "Vendidas o reservadas",
    "Sold out": "Agotado",
    "Sold out.": "Agotado.",
    "Some attendee details are missing or wrong.": (
        "Faltan datos de algún asistente o no son correctos."
    ),
    "That reservation does not exist.": "Esa reserva no existe.",
    "That ticket type does not exist.": "Ese tipo de entrada no existe.",
    "The maximum cannot be below the minimum.": "El máximo no puede ser menor que el mínimo.",
    "The page it was created from; every language version shares it.": (
        "La página desde la que se creó; la comparten todas las versiones de idioma."
    ),
    "The sale must end after it starts.": "La venta debe terminar después de empezar.",
    "The ticket type could not be saved.": "No se pudo guardar el tipo de entrada.",
    "These fields cannot be set: %(fields)s.": "Estos campos no se pueden cambiar: %(fields)s.",
    "This event has no tickets on sale.": "Este evento no tiene entradas a la venta.",
    "This event is not taking registrations.": "Este evento no recibe inscripciones.",
    "This event is over.": "Este evento ya terminó.",
    "This reservation belongs to another account.": "Esta reserva es de otra cuenta.",
    "This reservation was released. Please choose again.": (
        "Esta reserva se liberó. Elige de nuevo, por favor."
    ),
    "This reservation was released.": "Esta reserva se liberó.",
    "This ticket is not on sale now.": "Esta entrada no está a la venta ahora.",
    "Ticket type saved.": "Tipo de entrada guardado.",
    "Ticket type": "Tipo de entrada",
    "Ticket": "Entrada",
    "Ticketing": "Entradas",
    "Tickets for %(event)s": "Entradas para %(event)s",
    "Tickets": "Entradas",
    "Turned into an order": "Convertida en pedido",
    "VIP": "VIP",
    "Valid": "Válida",
    "Void": "Anulada",
    "We send the confirmation and the tickets here.": (
        "Aquí enviamos la confirmación y las entradas."
    ),
    "You are registered": "Quedaste inscrito",
    "Your details": "Tus datos",
    "Your email": "Tu correo",
    "Your reservation expired and the seats were taken. Please choose again.": (
        "Tu reserva venció y los cupos ya se tomaron. Elige de nuevo, por favor."
    ),
    "Your reservation was released.": "Tu reserva se liberó.",
    "Your seats are reserved for": "Tus cupos están reservados por",
    "attendee": "asistente",
    "benefits (English)": "beneficios (inglés)",
    "benefits (Spanish)": "beneficios (español)",
    "code": "código",
    "currency": "moneda",
    "event inventories": "inventarios de eventos",
    "event inventory": "inventario del evento",
    "expires": "vence",
    "maximum per order": "máximo por pedido",
    "minimum per order": "mínimo por pedido",
    "on sale from": "a la venta desde",
    "on sale until": "a la venta hasta",
    "on sale": "a la venta",
    "price": "precio",
    "quantity": "cantidad",
    "seat hold": "reserva de cupos",
    "seat holds": "reservas de cupos",
    "ticket type": "tipo de entrada",
    "ticket types": "tipos de entrada",
    "ticket": "entrada",
    "tickets": "entradas",
    "unit price": "precio unitario",
    "unlock code": "código de desbloqueo",
    "Only the event's organizers and staff check people in.": (
        "Solo los organizadores del evento y el personal registran la entrada."
    ),
    "QR code of %(name)s's ticket": "Código QR de la entrada de %(name)s",
    "%(checked)s of %(sold)s checked in": "%(checked)s de %(sold)s ya entraron",
    "Already checked in.": "Ya registró su entrada.",
    "At %(when)s by %(by)s.": "El %(when)s, por %(by)s.",
    "Check in": "Registrar entrada",
    "Check-in": "Control de entrada",
    "Needs a browser that can read QR codes (Chrome on Android, for example); you can always "
    "type the code.": (
        "Necesita un navegador que lea códigos QR (Chrome en Android, por ejemplo); siempre "
        "puedes escribir el código."
    ),
    "No ticket has this code.": "Ninguna entrada tiene este código.",
    "Not a valid ticket: the QR code is not ours or was altered.": (
        "No es una entrada válida: el código QR no es nuestro o fue alterado."
    ),
    "Scan with the camera": "Escanear con la cámara",
    "Start the camera": "Encender la cámara",
    "This ticket is for another event.": "Esta entrada es de otro evento.",
    "This ticket is void (refunded or transferred).": (
        "Esta entrada está anulada (reembolsada o transferida)."
    ),
    "Ticket code or QR": "Código de la entrada o QR",
    "Type a ticket code or scan a QR code.": "Escribe el código de una entrada o escanea un QR.",
    "Welcome! Checked in.": "¡Bienvenida! Entrada registrada.",
    "checked in by": "entrada registrada por",
    "checked in": "entrada registrada",
    "You are registered for %(event)s (order %(number)s).": (
        "Quedaste inscrito en %(event)s (pedido %(number)s)."
    ),
    "Show the attached QR code (or tell the code) at the door. The calendar file adds the "
    "event to your calendar.": (
        "Muestra el código QR adjunto (o di el código) en la entrada. El archivo de calendario "
        "añade el evento a tu calendario."
    ),
    "Your tickets for %(event)s": "Tus entradas para %(event)s",
}
