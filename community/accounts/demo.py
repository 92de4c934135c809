"""Demo data for a first run, idempotent: one user per role (`demo_users`), and the demo
community (`demo_members`, `demo_connections`): 32 members of Medellín's AI scene (fictional
people and organizations) with varied profiles, portfolios, privacy choices and connections.

Members are created and changed through the account services and connected through the
connection services, so the demo obeys the same rules as real members; a second run finds
everything in place and changes nothing. Demo members' emails are switched off (nobody reads
@demo.medellin.ai); their in-app notifications are real."""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from cms.demo import demo_avatar_file

from .models import PortfolioItem, Profile
from .roles import Role
from .services import (
    portfolio_item_create,
    portfolio_item_update,
    profile_ensure,
    profile_set_avatar,
    profile_update,
    user_set_role,
)

DEMO_USERS = [
    # email, role, first name, last name, interests, experience level, bio
    ("admin@medellin.ai", Role.ADMIN, "Ana", "Restrepo", ["MLOps", "LLMs"], "expert",
     "Coordina la comunidad Medellín AI."),
    ("organizer@medellin.ai", Role.ORGANIZER, "Carlos", "Gómez", ["Computer vision"], "advanced",
     "Organiza meetups de visión por computador."),
    ("member@medellin.ai", Role.MEMBER, "Valentina", "Ospina", ["NLP", "Data science"],
     "intermediate", "Científica de datos en Medellín."),
    ("attendee@medellin.ai", Role.ATTENDEE, "Juan", "Pérez", ["AI ethics"], "beginner",
     "Curioso por la ética de la IA."),
]  # fmt: skip


def _verified_email(user, email: str) -> None:
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])


@transaction.atomic
def demo_users(password: str) -> list[tuple[str, str]]:
    """One user per role, set up and verified; a second run changes nothing (unless the
    password given differs)."""
    User = get_user_model()
    logins = []
    for email, role, first, last, interests, level, bio in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        _verified_email(user, email)
        profile = profile_ensure(user=user)
        data = {
            "first_name": first,
            "last_name": last,
            "ai_interests": interests,
            "experience_level": level,
            "bio": bio,
        }
        changes = _changed(profile, data)
        if changes:
            profile_update(profile=profile, actor=user, data=changes)
        _photo(profile, f"{first} {last}")
        user_set_role(user=user, role=role, reason="demo data")
        logins.append((str(role.label), email))
    return logins


DOMAIN = "demo.medellin.ai"


@dataclass(frozen=True)
class DemoMember:
    slug: str
    first: str
    last: str
    language: str  # the bio is written in it
    level: str
    location: str
    interests: tuple[str, ...]
    skills: tuple[str, ...]
    bio: str
    organization: str = ""
    portfolio: tuple[tuple[str, str, str], ...] = ()  # (title, url, description)
    private: tuple[str, ...] = ()
    listed: bool = True
    finished_onboarding: bool = True
    linkedin: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def email(self) -> str:
        return f"{self.slug}@{DOMAIN}"


M = DemoMember
DEMO_MEMBERS: tuple[DemoMember, ...] = (
    M("laura.mejia", "Laura", "Mejía", "es", "advanced", "Laureles, Medellín",
      ("NLP", "LLMs", "RAG"), ("Python", "PyTorch", "Hugging Face"),
      "Ingeniera de ML. Construyo asistentes en español para trámites públicos.",
      portfolio=(("Asistente de trámites en español", "https://example.com/laura/tramites",
                  "RAG sobre normativa municipal con evaluación humana."),
                 ("Charla: LLMs en español paisa", "https://example.com/laura/charla-llms", ""))),
    M("santiago.restrepo", "Santiago", "Restrepo", "es", "expert", "El Poblado, Medellín",
      ("MLOps", "Data engineering"), ("Kubernetes", "Airflow", "Python", "AWS"),
      "Lidero plataformas de datos. Me interesa llevar modelos a producción sin drama.",
      portfolio=(("Guía de MLOps para startups", "https://example.com/santiago/mlops", ""),),
      linkedin="https://www.linkedin.com/in/demo-santiago-restrepo"),
    M("camila.zapata", "Camila", "Zapata", "es", "intermediate", "Envigado",
      ("Computer vision", "AgriTech AI"), ("OpenCV", "PyTorch", "Python"),
      "Detecto plagas en cultivos de café con visión por computador.",
      portfolio=(("Detección de roya en café", "https://example.com/camila/roya",
                  "Modelo ligero que corre en un celular en la finca."),),
      private=("linkedin_url",)),
    M("mateo.gonzalez", "Mateo", "González", "es", "student", "Bello",
      ("Reinforcement learning", "Robotics"), ("Python", "ROS"),
      "Estudiante de ingeniería mecatrónica; entreno robots a caminar en simulación."),
    M("valeria.arango", "Valeria", "Arango", "es", "advanced", "Belén, Medellín",
      ("AI ethics", "NLP"), ("R", "Python", "SQL"),
      "Investigo sesgos en modelos de lenguaje y cómo explicarlos a quien decide.",
      portfolio=(("Sesgos de género en modelos en español", "https://example.com/valeria/sesgos",
                  "Artículo y conjunto de pruebas abierto."),),
      private=("connections",)),
    M("daniel.ospina", "Daniel", "Ospina", "es", "intermediate", "Itagüí",
      ("Time series", "FinTech"), ("Python", "scikit-learn", "SQL"),
      "Pronostico demanda para comercios de barrio. Fan de los modelos simples."),
    M("isabella.correa", "Isabella", "Correa", "es", "beginner", "Sabaneta",
      ("Generative AI", "Data science"), ("Python", "SQL"),
      "Vengo del diseño gráfico y estoy aprendiendo ciencia de datos."),
    M("sebastian.vargas", "Sebastián", "Vargas", "es", "advanced", "Laureles, Medellín",
      ("Speech recognition", "NLP"), ("PyTorch", "Kaldi", "Python"),
      "Reconocimiento de voz para acentos colombianos.",
      portfolio=(("Corpus de voz paisa (demo)", "https://example.com/sebastian/corpus", ""),
                 ("Benchmark de ASR en español", "https://example.com/sebastian/asr",
                  "Comparación de modelos abiertos con audio de call center."))),
    M("mariana.henao", "Mariana", "Henao", "es", "intermediate", "Rionegro",
      ("HealthTech AI", "Computer vision"), ("TensorFlow", "Python"),
      "Apoyo a radiólogos con modelos de clasificación de imágenes.", private=("bio",)),
    M("juan.david.rios", "Juan David", "Ríos", "es", "expert", "El Poblado, Medellín",
      ("LLMs", "MLOps", "Recommender systems"), ("Python", "Spark", "GCP", "Kubernetes"),
      "CTO de una startup de comercio electrónico; recomendaciones a escala.",
      linkedin="https://www.linkedin.com/in/demo-juan-david-rios"),
    M("alejandra.munoz", "Alejandra", "Muñoz", "es", "student", "Robledo, Medellín",
      ("Data science", "AI ethics"), ("R", "Python"),
      "Estudio estadística y hago voluntariado enseñando datos a colegios."),
    M("andres.cardona", "Andrés", "Cardona", "es", "intermediate", "Envigado",
      ("Edge AI", "Computer vision"), ("C++", "OpenCV", "TensorRT"),
      "Llevo modelos de visión a cámaras de tráfico con poco cómputo.",
      portfolio=(("Conteo de vehículos en el borde", "https://example.com/andres/edge", ""),)),
    M("paula.giraldo", "Paula", "Giraldo", "es", "advanced", "La América, Medellín",
      ("Data engineering", "MLOps"), ("dbt", "Airflow", "SQL", "Python"),
      "Ingeniera de datos. Pipelines limpios, modelos felices.", private=("location",)),
    M("felipe.jaramillo", "Felipe", "Jaramillo", "es", "beginner", "Copacabana",
      ("Generative AI",), ("Python",),
      "Profesor de colegio explorando IA generativa para clase.", listed=False),
    M("natalia.serna", "Natalia", "Serna", "es", "intermediate", "Laureles, Medellín",
      ("NLP", "RAG"), ("LangChain", "Python", "FastAPI"),
      "Construyo chatbots para atención al cliente de cooperativas.",
      portfolio=(("Bot de cooperativa con RAG", "https://example.com/natalia/bot", ""),)),
    M("tomas.posada", "Tomás", "Posada", "es", "expert", "El Poblado, Medellín",
      ("Reinforcement learning", "Recommender systems"), ("JAX", "Python", "PyTorch"),
      "Investigador; antes en un laboratorio en Europa, ahora de vuelta en Medellín.",
      portfolio=(("Paper: bandits para recomendaciones locales",
                  "https://example.com/tomas/bandits", "Taller de NeurIPS (demo)."),)),
    M("emily.carter", "Emily", "Carter", "en", "advanced", "El Poblado, Medellín",
      ("LLMs", "AI ethics"), ("Python", "Hugging Face"),
      "Remote ML engineer from Austin, living in Medellín. I run a paper reading group.",
      portfolio=(("Paper club notes", "https://example.com/emily/paper-club", ""),)),
    M("lucas.schmidt", "Lukas", "Schmidt", "en", "expert", "Laureles, Medellín",
      ("Computer vision", "Robotics"), ("PyTorch", "ROS", "C++"),
      "Robotics engineer from Munich; I mentor students on perception for drones.",
      private=("portfolio",),
      portfolio=(("Drone landing with vision", "https://example.com/lukas/drones", ""),)),
    M("priya.nair", "Priya", "Nair", "en", "intermediate", "Envigado",
      ("Data science", "HealthTech AI"), ("Python", "scikit-learn", "SQL"),
      "Data scientist working on public health dashboards for Latin America."),
    M("james.okafor", "James", "Okafor", "en", "advanced", "El Poblado, Medellín",
      ("MLOps", "LLMs"), ("Kubernetes", "Python", "Terraform"),
      "Platform engineer; happy to talk GPUs, costs and evals.", private=("connections",)),
    M("sophie.martin", "Sophie", "Martin", "en", "beginner", "Laureles, Medellín",
      ("Generative AI", "AI ethics"), ("Python",),
      "Product manager learning how AI products are built. Spanish learner too!"),
    M("diego.alvarez", "Diego", "Álvarez", "es", "intermediate", "Caldas",
      ("AgriTech AI", "Time series"), ("Python", "R"),
      "Agrónomo y analista de datos: clima, suelos y cosechas en el oriente antioqueño."),
    M("carolina.bedoya", "Carolina", "Bedoya", "es", "advanced", "Estadio, Medellín",
      ("Recommender systems", "Data science"), ("Python", "Spark", "SQL"),
      "Científica de datos en retail. Organizo talleres para mujeres en datos.",
      linkedin="https://www.linkedin.com/in/demo-carolina-bedoya"),
    M("kevin.moreno", "Kevin", "Moreno", "es", "student", "Manrique, Medellín",
      ("LLMs", "Generative AI"), ("Python", "JavaScript"),
      "Estudiante de sistemas; hago prototipos con modelos abiertos.", listed=False),
    M("manuela.quintero", "Manuela", "Quintero", "es", "beginner", "Bello",
      (), (), "", finished_onboarding=False),
    M("nicolas.duque", "Nicolás", "Duque", "en", "beginner", "El Poblado, Medellín",
      (), (), "", finished_onboarding=False),
    M("semillero.ia", "Sara", "Villa", "es", "intermediate", "Medellín",
      ("Computer vision", "NLP", "Data science"), ("Python", "PyTorch"),
      "Semillero universitario de investigación en IA: estudiantes que publican y comparten.",
      organization="Semillero IA Aburrá",
      portfolio=(("Repositorio de proyectos del semillero", "https://example.com/semillero/repos",
                  "Código abierto de los trabajos de grado."),)),
    M("parcero.data", "Ricardo", "Londoño", "es", "expert", "El Poblado, Medellín",
      ("Data engineering", "MLOps", "LLMs"), ("AWS", "Python", "dbt"),
      "Consultora de datos e IA para pymes antioqueñas.",
      organization="Parcero Data SAS",
      portfolio=(("Caso: pronóstico de inventario para tiendas", "https://example.com/parcero/caso",
                  ""),)),
    M("mujeres.ia", "Luisa", "Cano", "es", "intermediate", "Medellín",
      ("AI ethics", "Data science", "Generative AI"), (),
      "Comunidad que acompaña a mujeres a entrar y crecer en la IA: mentorías y talleres.",
      organization="Mujeres en IA Medellín"),
    M("robotics.lab", "Hernán", "Tobón", "en", "advanced", "Itagüí",
      ("Robotics", "Edge AI", "Computer vision"), ("ROS", "C++"),
      "Open hardware robotics lab. We host build nights every month.",
      organization="Antioquia Robotics Lab",
      portfolio=(("Build night: line-following robots", "https://example.com/robotics/build-night",
                  "Photos and code from the last build night."),)),
    M("cafe.codigo", "Adriana", "Ruiz", "es", "beginner", "Laureles, Medellín",
      ("Generative AI", "NLP"), (),
      "Encuentros informales de código y café para quien empieza en IA.",
      organization="Café & Código", private=("location",)),
    M("datos.abiertos", "Jorge", "Mesa", "es", "advanced", "Medellín",
      ("Data science", "AI ethics"), ("Python", "SQL"),
      "Fundación que abre datos públicos de Antioquia y enseña a usarlos con responsabilidad.",
      organization="Fundación Datos Abiertos Antioquia",
      linkedin="https://www.linkedin.com/company/demo-datos-abiertos-antioquia"),
)  # fmt: skip


def _profile_data(member: DemoMember) -> dict:
    data = {
        "first_name": member.first,
        "last_name": member.last,
        "profile_type": (
            Profile.ProfileType.ORGANIZATION
            if member.organization
            else Profile.ProfileType.PERSONAL
        ),
        "organization_name": member.organization,
        "bio": member.bio,
        "location": member.location,
        "ai_interests": list(member.interests),
        "skills": list(member.skills),
        "experience_level": member.level if member.finished_onboarding else "",
        "linkedin_url": member.linkedin,
        "preferred_language": member.language,
        "directory_visible": member.listed,
        "private_fields": list(member.private),
    }
    return data


def _changed(profile: Profile, data: dict) -> dict:
    def current(key):
        return getattr(profile.user if key in ("first_name", "last_name") else profile, key)

    return {key: value for key, value in data.items() if current(key) != value}


def _shared_hash(User, password: str) -> str:
    """One hash for every demo member (hashing 32 times is slow with real hashers)."""
    existing = (
        User.objects.filter(email__endswith=f"@{DOMAIN}")
        .exclude(password="")
        .values_list("password", flat=True)
        .first()
    )
    if existing and check_password(password, existing):
        return existing
    return make_password(password)


@transaction.atomic
def demo_members(password: str) -> list[DemoMember]:
    """Create or refresh the demo members; returns them."""
    from community.notifications.services import preferences_update

    User = get_user_model()
    hashed = _shared_hash(User, password)
    for member in DEMO_MEMBERS:
        user = User.objects.filter(email=member.email).first()
        if user is None:
            user = User.objects.create(email=member.email, password=hashed)
            preferences_update(user=user, changes=[], email_enabled=False)
        elif user.password != hashed:
            user.password = hashed
            user.save(update_fields=["password"])
        _verified_email(user, member.email)
        user_set_role(user=user, role=Role.MEMBER, reason="demo data")
        profile = profile_ensure(user=user)
        changes = _changed(profile, _profile_data(member))
        if changes:
            profile_update(profile=profile, actor=user, data=changes)
        if member.finished_onboarding and member.listed:  # the others show the fallback
            _photo(profile, member.organization or f"{member.first} {member.last}")
        _portfolio(profile, user, member)
    return list(DEMO_MEMBERS)


def _photo(profile: Profile, name: str) -> None:
    """A generated photo (initials on a coloured disc), unless the member has one."""
    if not profile.avatar:
        profile_set_avatar(profile=profile, upload=demo_avatar_file(name))


def _portfolio(profile: Profile, user, member: DemoMember) -> None:
    existing = {item.title: item for item in PortfolioItem.objects.filter(profile=profile)}
    for title, url, description in member.portfolio:
        item = existing.get(title)
        if item is None:
            portfolio_item_create(
                profile=profile,
                actor=user,
                data={"title": title, "url": url, "description": description},
            )
        elif (item.url, item.description) != (url, description):
            portfolio_item_update(
                item=item, actor=user, data={"url": url, "description": description}
            )


def _connection_plan() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(accepted, pending) pairs of emails, requester first. Established members form a
    ring with some chords; the demo member account (member@medellin.ai) has connections
    and requests waiting for her answer."""
    members = [m.email for m in DEMO_MEMBERS if m.finished_onboarding]
    n = len(members)
    accepted = [(members[i], members[(i + 1) % n]) for i in range(n)]
    accepted += [(members[i], members[(i + 5) % n]) for i in range(0, n, 3)]
    pending = [(members[i], members[(i + 7) % n]) for i in range(0, n, 4)]
    accepted += [(members[i], "member@medellin.ai") for i in (0, 4, 8, 16)]
    accepted += [("organizer@medellin.ai", members[i]) for i in (1, 26)]
    pending += [(members[i], "member@medellin.ai") for i in (2, 11)]
    return accepted, pending


@transaction.atomic
def demo_connections() -> dict[str, int]:
    """Connect the demo members through the connection services; skips pairs that already
    have a connection, so a second run changes nothing. Returns how many requests were made
    and accepted."""
    from community.connections.models import Connection
    from community.connections.selectors import connection_between
    from community.connections.services import connection_accept, connection_request

    User = get_user_model()
    accepted, pending = _connection_plan()
    emails = {email for pair in accepted + pending for email in pair}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    made = {"requested": 0, "accepted": 0}
    for pairs, accept in ((accepted, True), (pending, False)):
        for sender_email, recipient_email in pairs:
            sender, recipient = users.get(sender_email), users.get(recipient_email)
            if sender is None or recipient is None:  # a role demo user was not seeded
                continue
            connection = connection_between(sender, recipient)
            if connection is None:
                connection = connection_request(sender=sender, recipient=recipient)
                made["requested"] += 1
            if accept and connection.status == Connection.Status.PENDING:
                addressee = recipient if connection.requester_id == sender.pk else sender
                connection_accept(user=addressee, connection_id=connection.pk)
                made["accepted"] += 1
    return made
