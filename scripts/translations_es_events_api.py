"""Spanish for the event submissions API (cms/events/api). Its other messages come from the
submission domain it calls, translated in translations_es_events_submissions.py."""

ES = {
    "Give an object with one entry per step.": "Envía un objeto con una entrada por paso.",
}
