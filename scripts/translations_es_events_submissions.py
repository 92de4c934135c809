"""Spanish for the organizer's side of events: submissions, the wizard, venues, funnel."""

ES = {
    "Approved": "Aprobado",
    "Changes requested": "Cambios solicitados",
    "written in": "escrito en",
    "answers": "respuestas",
    "event page": "página del evento",
    "feedback from the moderators": "comentarios de los moderadores",
    "reviewed by": "revisado por",
    "submitted": "enviado",
    "reviewed": "revisado",
    "created": "creado",
    "updated": "actualizado",
    "event submission": "propuesta de evento",
    "event submissions": "propuestas de eventos",
    "Untitled event": "Evento sin título",
    "step": "paso",
    "reached": "alcanzado",
    "wizard step reached": "paso del asistente alcanzado",
    "wizard steps reached": "pasos del asistente alcanzados",
    "Sent for review": "Enviado a revisión",
    "Only organizers can submit events. Ask an administrator for the Organizer role.": (
        "Solo los organizadores pueden proponer eventos. Pide a un administrador el rol de "
        "Organizador."
    ),
    "This submission belongs to another organizer.": "Esta propuesta es de otro organizador.",
    "This event is waiting for review. Withdraw it to make changes.": (
        "Este evento está en revisión. Retíralo de la revisión para hacer cambios."
    ),
    "Unknown sections: %(names)s. Use: %(known)s.": (
        "Secciones desconocidas: %(names)s. Usa: %(known)s."
    ),
    "Give an object with the step's fields.": "Envía un objeto con los campos del paso.",
    "Some steps have problems; nothing was saved.": (
        "Algunos pasos tienen problemas; no se guardó nada."
    ),
    "Please correct the errors below.": "Corrige los errores indicados abajo.",
    "Choose an image file to upload.": "Elige un archivo de imagen para subir.",
    "The image could not be saved.": "No se pudo guardar la imagen.",
    "Complete this step.": "Completa este paso.",
    "This event is already waiting for review.": "Este evento ya está en revisión.",
    "Some steps are incomplete: %(steps)s.": "Hay pasos incompletos: %(steps)s.",
    "Only an event waiting for review can be withdrawn.": (
        "Solo se puede retirar un evento que está en revisión."
    ),
    "Events cannot be submitted in this language yet: there is no events section.": (
        "Todavía no se pueden proponer eventos en este idioma: no hay sección de eventos."
    ),
    "No review workflow is set up for events; tell an administrator.": (
        "No hay un flujo de revisión configurado para los eventos; avisa a un administrador."
    ),
    "The venue could not be saved.": "No se pudo guardar la sede.",
    "Only administrators approve venues.": "Solo los administradores aprueban sedes.",
    "My event submissions are approved": "Mis propuestas de eventos son aprobadas",
    "“{event}” is approved and published": "“{event}” fue aprobado y publicado",
    "Hello {name}, the moderators approved “{event}”; it is now online. {feedback}": (
        "Hola {name}, los moderadores aprobaron “{event}”; ya está publicado. {feedback}"
    ),
    "Changes requested on my event submissions": "Piden cambios en mis propuestas de eventos",
    "Changes requested on “{event}”": "Piden cambios en “{event}”",
    "Hello {name}, the moderators asked for changes to “{event}” before publishing it: "
    "{feedback}": (
        "Hola {name}, los moderadores piden cambios en “{event}” antes de publicarlo: {feedback}"
    ),
    "My proposed venues are approved": "Mis sedes propuestas son aprobadas",
    "Your venue “{venue}” is approved": "Tu sede “{venue}” fue aprobada",
    "Hello {name}, an administrator approved “{venue}”; every organizer can use it.": (
        "Hola {name}, un administrador aprobó “{venue}”; ya la puede usar cualquier organizador."
    ),
    "Draft saved. You can come back to it at any time.": (
        "Borrador guardado. Puedes volver a él cuando quieras."
    ),
    "Sent for review. We will tell you as soon as a moderator decides.": (
        "Enviado a revisión. Te avisaremos en cuanto un moderador decida."
    ),
    "Withdrawn from review; you can change it and send it again.": (
        "Retirado de la revisión; puedes cambiarlo y enviarlo de nuevo."
    ),
    "Optional, for the map: 6.2442": "Opcional, para el mapa: 6.2442",
    "“%(venue)s” is saved. You can use it in your events now; an administrator will approve "
    "it for everyone.": (
        "“%(venue)s” quedó guardada. Ya puedes usarla en tus eventos; un administrador la "
        "aprobará para todos."
    ),
    "Submissions": "Propuestas",
    "Event submission funnel": "Embudo de propuestas de eventos",
    "Details": "Detalles",
    "Place or online": "Lugar o en línea",
    "Questions and capacity": "Preguntas y aforo",
    "Review and submit": "Revisar y enviar",
    "Enter a date and time like 2027-03-04T18:30.": (
        "Escribe una fecha y hora como 2027-03-04T18:30."
    ),
    "Give the local time without a UTC offset: the time zone is a separate field.": (
        "Da la hora local sin desfase UTC: la zona horaria es un campo aparte."
    ),
    "Enter a year between 2000 and 2100.": "Escribe un año entre 2000 y 2100.",
    "Summary": "Resumen",
    "One or two sentences for the event card and search results.": (
        "Una o dos frases para la tarjeta del evento y los resultados de búsqueda."
    ),
    "What attendees will learn or do. Leave a blank line between paragraphs.": (
        "Qué aprenderán o harán los asistentes. Deja una línea en blanco entre párrafos."
    ),
    "Event types and tags": "Tipos de evento y etiquetas",
    "Separated by commas: workshop, meetup, LLMs…": "Separadas por comas: taller, meetup, LLM…",
    "Time zone": "Zona horaria",
    "Starts": "Empieza",
    "Ends": "Termina",
    "Category %(value)s does not exist in this language.": (
        "La categoría %(value)s no existe en este idioma."
    ),
    "Each tag has at most 40 characters.": "Cada etiqueta tiene como máximo 40 caracteres.",
    "Give at most 10 tags.": "Usa como máximo 10 etiquetas.",
    "An event lasts at most %(days)s days.": "Un evento dura como máximo %(days)s días.",
    "The event must start in the future.": "El evento debe empezar en el futuro.",
    "Venue": "Sede",
    "Not on the list? Propose a venue; an administrator approves it.": (
        "¿No está en la lista? Propón una sede; un administrador la aprueba."
    ),
    "Online join link": "Enlace para unirse en línea",
    "Shown only to people with a ticket.": "Solo lo ven las personas con entrada.",
    "That venue does not exist or is not available to you.": (
        "Esa sede no existe o no está disponible para ti."
    ),
    "Describe the image": "Describe la imagen",
    "For people who cannot see it: what does it show?": (
        "Para quienes no pueden verla: ¿qué muestra?"
    ),
    "Remove the current image": "Quitar la imagen actual",
    "Room": "Sala",
    "Track": "Línea temática",
    "Speakers": "Ponentes",
    "Names, separated by commas.": "Nombres, separados por comas.",
    "Sessions happen between the event's start and end.": (
        "Las sesiones ocurren entre el inicio y el final del evento."
    ),
    "Help text": "Texto de ayuda",
    "Kind of answer": "Tipo de respuesta",
    "Options": "Opciones",
    "Mandatory": "Obligatoria",
    "Maximum length": "Longitud máxima",
    "Total seats; leave empty for no limit.": "Cupos en total; déjalo vacío si no hay límite.",
    "Registration opens": "Abre la inscripción",
    "Registration closes": "Cierra la inscripción",
    "Registration closes before the event ends.": (
        "La inscripción cierra antes de que termine el evento."
    ),
    "Give a list of objects.": "Envía una lista de objetos.",
    (
        "%(counter)s submission started. Each bar is how many reached that step of the wizard.",
        "%(counter)s submissions started. Each bar is how many reached that step of the wizard.",
    ): (
        "%(counter)s propuesta iniciada. Cada barra es cuántas llegaron a ese paso del asistente.",
        "%(counter)s propuestas iniciadas. Cada barra es cuántas llegaron a ese paso del "
        "asistente.",
    ),
    "Bar chart of submissions per wizard step": (
        "Gráfico de barras de propuestas por paso del asistente"
    ),
    "Submissions per wizard step": "Propuestas por paso del asistente",
    "Step": "Paso",
    "Reached": "Llegaron",
    "Share of those who started": "Porcentaje de quienes empezaron",
    "Stopped here": "Se detuvieron aquí",
    "My events": "Mis eventos",
    "Event submissions": "Propuestas de eventos",
    "Submission steps": "Pasos de la propuesta",
    "saved": "guardado",
    "Submission progress": "Avance de la propuesta",
    "Submit an event": "Proponer un evento",
    ("%(counter)s draft", "%(counter)s drafts"): ("%(counter)s borrador", "%(counter)s borradores"),
    ("%(counter)s waiting for review", "%(counter)s waiting for review"): (
        "%(counter)s en revisión",
        "%(counter)s en revisión",
    ),
    ("%(counter)s with changes requested", "%(counter)s with changes requested"): (
        "%(counter)s con cambios solicitados",
        "%(counter)s con cambios solicitados",
    ),
    "Events you organize": "Eventos que organizas",
    "Event": "Evento",
    "Actions": "Acciones",
    "Not published": "Sin publicar",
    "You do not organize any event yet. Submit one: a moderator reviews it before it is "
    "published.": (
        "Todavía no organizas ningún evento. Propón uno: un moderador lo revisa antes de "
        "publicarlo."
    ),
    "Feedback from the moderators:": "Comentarios de los moderadores:",
    "A moderator is reviewing this event. We will tell you when they decide.": (
        "Un moderador está revisando este evento. Te avisaremos cuando decida."
    ),
    "Before sending, complete these steps:": "Antes de enviar, completa estos pasos:",
    "waiting for approval": "pendiente de aprobación",
    "No image: the event card shows the platform's default.": (
        "Sin imagen: la tarjeta del evento muestra la de la plataforma."
    ),
    "no limit": "sin límite",
    "Send for review": "Enviar a revisión",
    "Withdraw from review": "Retirar de la revisión",
    "Filter by status": "Filtrar por estado",
    "sent": "enviado",
    "last saved": "guardado por última vez",
    "See the event online": "Ver el evento publicado",
    "Propose a venue": "Proponer una sede",
    "You can use the venue in your own events at once; an administrator checks it before "
    "other organizers can choose it.": (
        "Puedes usar la sede en tus eventos de inmediato; un administrador la revisa antes de "
        "que otros organizadores puedan elegirla."
    ),
    "Back": "Volver",
    "Save venue": "Guardar sede",
    "This event is waiting for review. Withdraw it from the review page to make changes.": (
        "Este evento está en revisión. Retíralo desde la página de revisión para hacer cambios."
    ),
    "Current image": "Imagen actual",
    "Propose a new venue": "Proponer una sede nueva",
    "Session %(number)s": "Sesión %(number)s",
    "Question %(number)s": "Pregunta %(number)s",
    "Need more rows? Save the draft: two empty rows are added each time.": (
        "¿Necesitas más filas? Guarda el borrador: cada vez se añaden dos filas vacías."
    ),
    "Save draft": "Guardar borrador",
    "There is no category “%(slug)s”.": "No hay ninguna categoría “%(slug)s”.",
    "Share this event": "Compartir este evento",
    "Share": "Compartir",
}
