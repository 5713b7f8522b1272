"""The Spanish edition of the demo site: original Spanish texts written for this project
(the procedures' in procedures.demo_content_es).

Each page is a translation of its English page (Wagtail's `copy_for_translation`, as the
"Translate" action does), with its own Spanish text and address. Idempotent: a page or
snippet that already has its Spanish translation is left as it is.
"""

from wagtail.models import Locale

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from consultations.models import BookingPage
from core.site_settings import PracticeIdentity
from offices.models import OfficeIndexPage, OfficePage
from people.models import Author
from practice.models import AccessibilityStatementPage, ContentPage
from procedures import demo_content_es
from procedures.models import GalleryPage, ProcedureIndexPage, ProcedurePage


def p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def h2(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def cta(heading, text):
    return {
        "type": "call_to_action",
        "value": {
            "heading": heading,
            "text": text,
            "button_label": "Reservar una consulta",
            "page": None,
        },
    }


HOME = {
    "title": "Inicio",
    "slug": "inicio",
    "seo_title": "Cirugía plástica facial en Beverly Hills y Santa Mónica",
    "search_description": "Cirugía plástica facial y tratamientos sin cirugía para ojos, "
    "cejas, rostro y nariz, con consultorios en Beverly Hills y Santa Mónica.",
    "hero_heading": "Resultados naturales para el rostro que ya tiene",
    "hero_cta_label": "Reservar una consulta",
    "hero_intro": "Cirugía plástica facial y tratamientos sin cirugía, planeados según cómo "
    "se mueve, habla y sonríe. Consultas en Beverly Hills, Santa Mónica o por video.",
    "body": [
        {
            "type": "featured",
            "value": {
                "heading": "Cómo trabajamos",
                "cards": [
                    {
                        "title": "Primero escuchamos",
                        "text": "La primera visita es una conversación: qué le molesta, qué "
                        "quiere conservar y cuánto tiempo de recuperación le conviene.",
                        "page": None,
                        "image": None,
                    },
                    {
                        "title": "Pensamos en el movimiento",
                        "text": "Un rostro se ve en movimiento. Estudiamos sus expresiones, no "
                        "solo fotografías, para que el resultado se vea bien cuando ríe.",
                        "page": None,
                        "image": None,
                    },
                    {
                        "title": "Le acompañamos",
                        "text": "Las visitas de control forman parte de cada plan, y el mismo "
                        "equipo le atiende desde la consulta hasta la recuperación completa.",
                        "page": None,
                        "image": None,
                    },
                ],
            },
        },
        cta(
            "¿Quiere hablarlo con calma?",
            "Elija el horario que le convenga en cualquiera de los consultorios o por video. "
            "Toma alrededor de un minuto.",
        ),
    ],
}

CONTENT_PAGES = {
    "about": {
        "title": "Sobre la consulta",
        "slug": "sobre-nosotros",
        "intro": "Quiénes somos, cómo trabajamos y qué ocurre en su primera visita.",
        "body": [
            h2("Una consulta pequeña a propósito"),
            p(
                "Atendemos a pocos pacientes para que cada consulta tenga tiempo de sobra. El "
                "cirujano que conoce en la primera visita es quien planea y realiza su "
                "procedimiento, y nuestra enfermera trabaja en las mismas salas, de modo que "
                "las opciones con y sin cirugía se comparan lado a lado."
            ),
            h2("Qué esperar de la consulta"),
            p(
                "La consulta dura unos cuarenta y cinco minutos. Le preguntamos por su salud, "
                "observamos cómo se mueve su rostro, tomamos fotografías estandarizadas con su "
                "permiso y repasamos las opciones, incluida la de no hacer nada. Se lleva un "
                "plan por escrito y un presupuesto claro, sin presión para decidir ese día."
            ),
            cta(
                "Visítenos en persona o por video",
                "Elija el consultorio que le quede mejor o empiece con una videollamada.",
            ),
        ],
    },
    "privacy-policy": {
        "title": "Política de privacidad",
        "slug": "politica-de-privacidad",
        "intro": "Cómo tratamos los datos personales que nos confía.",
        "body": [
            h2("Qué datos guardamos al reservar"),
            p(
                "Cuando solicita una consulta guardamos su nombre, correo electrónico, "
                "teléfono, los tratamientos que le interesan, cómo prefiere que le contactemos "
                "y el mensaje que escriba. Los usamos solo para organizar y preparar su consulta."
            ),
            h2("Quién puede verlos"),
            p(
                "Solo nuestro equipo de recepción y el personal clínico ven las solicitudes. "
                "Cada vez que alguien del equipo abre o exporta una solicitud, queda registrado. "
                "Nuestros correos incluyen la fecha, la hora y el lugar de la visita, nunca los "
                "tratamientos que mencionó ni su mensaje."
            ),
            h2("Cuánto tiempo los conservamos"),
            p(
                "Las solicitudes se borran o se anonimizan al terminar el plazo de conservación "
                "(24 meses después de la cita, salvo que le digamos otra cosa). La historia "
                "clínica que se abre en su visita se guarda aparte, como exige la ley."
            ),
            h2("Sus opciones"),
            p(
                "Puede cancelar o cambiar su reserva en cualquier momento con el enlace de su "
                "correo de confirmación. Para ver, corregir o borrar lo que tenemos sobre usted, "
                "llame o escriba a cualquiera de los consultorios."
            ),
        ],
    },
}

OFFICE_INDEX = {
    "title": "Nuestros consultorios",
    "slug": "consultorios",
    "intro": "<p>Dos consultorios sobre Wilshire Boulevard, a veinte minutos uno del otro. "
    "En ambos damos consultas, y también puede vernos por video.</p>",
}

OFFICES = {
    "beverly-hills": {
        "title": "Consultorio de Beverly Hills",
        "slug": "beverly-hills",
        "intro": "Nuestro primer consultorio, a pocos pasos de Wilshire y La Cienega.",
        "directions": "<p>Estacionamiento validado en el garaje del edificio, con entrada por "
        "Wilshire. Suba en el ascensor al sexto piso; la suite 604 está a la izquierda.</p>",
    },
    "santa-monica": {
        "title": "Consultorio de Santa Mónica",
        "slug": "santa-monica",
        "intro": "Cerca de las playas, con acceso a nivel de calle.",
        "directions": "<p>Estacionamiento detrás del edificio, por Princeton Street; la "
        "primera hora es gratis. El ascensor del vestíbulo no tiene escalones.</p>",
    },
}

BLOG_INDEX = {
    "title": "Artículos",
    "slug": "articulos",
    "intro": "<p>Textos claros sobre el rostro, los tratamientos y la recuperación.</p>",
    "search_description": "Artículos sobre cirugía plástica facial, tratamientos sin cirugía "
    "y recuperación, revisados por nuestro cirujano.",
}

# The practice's name keeps its place name and says what it does in Spanish.
IDENTITY = {
    "name": "Wilshire Cirugía Plástica Facial",
    "tagline": "Cirugía plástica facial en Beverly Hills y Santa Mónica",
}

BOOKING = {
    "title": "Reservar una consulta",
    "slug": "reservar",
    "intro": "<p>Elija en persona o por video, escoja un horario y díganos cómo contactarle. "
    "Toma alrededor de un minuto, y confirmamos cada reserva por correo.</p>",
}

AUTHORS = {
    "adrian-vale": {
        "role": "Cirujano plástico facial certificado",
        "bio": "El Dr. Vale se dedica a la cirugía de párpados, cejas y rostro, y planea cada "
        "tratamiento a partir de cómo se mueve el rostro de cada paciente.",
    },
    "nora-castillo": {
        "role": "Enfermera especialista en tratamientos inyectables",
        "bio": "Nora lleva más de diez años aplicando rellenos y neuromoduladores con un "
        "criterio conservador: menos producto, más seguimiento.",
    },
}

# (English slug, Spanish slug, name, description)
CATEGORIES = [
    (
        "faces-and-expression",
        "rostro-y-expresion",
        "Rostro y expresión",
        "Cómo leemos los rostros y por qué la expresión importa en cada tratamiento.",
    ),
    (
        "surgery",
        "cirugia",
        "Cirugía",
        "La cirugía de párpados, cejas y rostro explicada paso a paso.",
    ),
    (
        "recovery",
        "recuperacion",
        "Recuperación",
        "Qué esperar en los días y semanas después de un procedimiento.",
    ),
]

# Three articles written in Spanish, each the translation of an English article.
ARTICLES = [
    {
        "source": "small-movements-trustworthy-faces",
        "title": "Por qué los pequeños gestos del rostro inspiran confianza",
        "slug": "gestos-del-rostro-y-confianza",
        "lede": "En una fracción de segundo juzgamos si alguien es cálido u honesto, y casi "
        "todo lo que leemos sale del movimiento alrededor de los ojos y la boca.",
        "hero_alt": "Un rostro sonriente con arrugas suaves junto a los ojos",
        "categories": ["faces-and-expression"],
        "tags": ["expresiones", "ojos"],
        "body": [
            p(
                "Si le pide a una amiga que describa a alguien que acaba de conocer, rara vez "
                "hablará de la forma de la nariz. Dirá que parecía amable, cansado, tenso o "
                "abierto. Esas impresiones nacen del movimiento: cómo se entrecierran los ojos "
                "al sonreír, si la ceja se levanta al escuchar.",
                "Por eso estudiamos el rostro en movimiento durante la consulta. Un tratamiento "
                "que se ve prolijo en una foto fija puede cambiar sin ruido las expresiones en "
                "las que otras personas se apoyan para entenderle.",
            ),
            h2("Los ojos llevan casi todo el mensaje"),
            p(
                "Una sonrisa sincera mueve el músculo que rodea el ojo: eleva la mejilla y "
                "marca el ángulo externo. Cuando falta ese movimiento, la sonrisa parece cortés "
                "más que cálida. Unos párpados pesados o una ceja baja pueden ocultar la misma "
                "señal aunque el sentimiento sea real."
            ),
            cta(
                "Hablemos de su expresión",
                "En la consulta miramos cómo se mueve su rostro antes de proponer nada.",
            ),
        ],
    },
    {
        "source": "upper-eyelid-surgery-guide",
        "title": "Cirugía de párpados superiores: una guía sin rodeos",
        "slug": "guia-cirugia-de-parpados-superiores",
        "lede": "Qué corrige la blefaroplastia superior, quién suele beneficiarse y cómo son "
        "las primeras semanas después de la operación.",
        "hero_alt": "Primer plano de unos ojos con la mirada al frente",
        "categories": ["surgery"],
        "tags": ["párpados", "cirugía"],
        "body": [
            p(
                "Con los años, la piel del párpado superior pierde firmeza y puede formar un "
                "pliegue que cae sobre las pestañas. Además de dar un aire cansado, a veces "
                "estorba la visión lateral o hace incómodo el maquillaje.",
                "La blefaroplastia superior retira el exceso de piel y, si hace falta, una "
                "pequeña cantidad de grasa. La cicatriz queda escondida en el pliegue natural.",
            ),
            h2("¿Es para usted?"),
            p(
                "Suele ayudar a quien tiene piel sobrante en el párpado con la ceja en buena "
                "posición. Si lo que baja es la ceja, una elevación de cejas puede ser mejor "
                "opción; en la consulta lo comprobamos con usted frente al espejo."
            ),
            h2("La recuperación"),
            p(
                "La mayoría de las personas vuelve a su vida normal en una o dos semanas. La "
                "hinchazón y los moretones ceden poco a poco; las compresas frías y dormir con "
                "la cabeza elevada ayudan los primeros días."
            ),
        ],
    },
    {
        "source": "first-two-weeks-after-eyelid-surgery",
        "title": "Las dos primeras semanas después de una cirugía de párpados",
        "slug": "dos-primeras-semanas-tras-cirugia-de-parpados",
        "lede": "Un calendario honesto de la recuperación, día por día, con lo que es normal "
        "y lo que merece una llamada al consultorio.",
        "hero_alt": "Una mesa de noche con compresas frías y un vaso de agua",
        "categories": ["surgery", "recovery"],
        "tags": ["recuperación", "párpados"],
        "body": [
            p(
                "Saber qué esperar quita buena parte de la ansiedad. Este es el recorrido "
                "habitual, aunque cada persona cicatriza a su propio ritmo."
            ),
            h2("Los primeros tres días"),
            p(
                "La hinchazón alcanza su punto más alto entre el segundo y el tercer día. "
                "Descanse con la cabeza elevada, aplique frío durante veinte minutos cada hora "
                "mientras esté despierto y evite agacharse o cargar peso."
            ),
            h2("De la primera a la segunda semana"),
            p(
                "Retiramos los puntos alrededor del quinto día. Los moretones pasan del morado "
                "al amarillo y casi todo el mundo vuelve al trabajo de oficina al final de la "
                "primera semana o en la segunda.",
                "Llame al consultorio si nota dolor que aumenta, un ojo mucho más hinchado que "
                "el otro o cualquier cambio en la visión.",
            ),
        ],
    },
]


STATEMENT = {
    "title": "Accesibilidad",
    "slug": "accesibilidad",
    "intro": "Todas las personas deberían poder leer sobre un procedimiento, ver resultados y "
    "reservar una consulta aquí, sea cual sea el dispositivo, el programa o los sentidos con "
    "que lo hagan. Esta declaración explica hasta dónde lo logra el sitio y cómo avisarnos "
    "cuando no es así.",
    "search_description": "Cómo se construye y se prueba la accesibilidad de este sitio, qué "
    "falta por resolver y cómo informar de una barrera.",
    "standard": "WCAG 2.2, nivel AA",
    "how_tested": "<ul><li>Cada versión pasa pruebas automáticas de accesibilidad (axe-core) "
    "en todos los tipos de página pública, en inglés y en español, en pantalla de teléfono y "
    "de escritorio, incluidos los formularios con errores y las fotos de antes y después "
    "abiertas.</li><li>Lighthouse revisa la accesibilidad de cada tipo de página, con 100 "
    "como objetivo.</li><li>Antes de cada cambio importante, alguien del equipo reserva una "
    "consulta solo con el teclado y con un lector de pantalla (NVDA en Windows, VoiceOver en "
    "iPhone).</li><li>Revisamos esta declaración al menos una vez al año.</li></ul>",
    "known_limitations": "<ul><li>Algunos artículos antiguos tienen imágenes con "
    "descripciones breves; las estamos reescribiendo, empezando por las más antiguas.</li>"
    "<li>Las fotos de antes y después están descritas con palabras, pero una descripción no "
    "muestra un resultado tan bien como una foto: pídanoslo y un profesional le explicará "
    "cualquier caso por teléfono.</li><li>Los formularios de consentimiento e historia "
    "clínica que enviamos en PDF antes de la visita aún no están etiquetados para lectores "
    "de pantalla; los completamos con usted por teléfono o en la visita.</li></ul>",
    "compatibility": "<p>El sitio es HTML y CSS sencillos y funciona sin JavaScript, que "
    "solo añade pequeñas comodidades. Lo probamos en las versiones actuales de Chrome, "
    "Firefox, Safari y Edge, con zoom de hasta el 400 por ciento y con los lectores de "
    "pantalla mencionados.</p>",
    "other_formats": "<p>Podemos leerle por teléfono cualquier formulario o página, "
    "enviárselo en letra grande y conseguir un intérprete para su visita, también de lengua "
    "de señas americana, sin costo para usted.</p>",
    "complaints": "<p>Si no resolvimos un problema a su satisfacción, puede escribir a la "
    "gerencia de cualquiera de los consultorios. También puede presentar una queja ante la "
    "Oficina de Derechos Civiles del Departamento de Salud y Servicios Humanos de EE. UU.</p>",
}


def translate_page(page, locale, **fields):
    """The Spanish translation of `page`, created (and published) with `fields` if missing.

    The parent must already have its translation; the translation starts as a copy of the
    English page (hours, gallery, settings), with its own text and slug.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    return translation


def translate_snippet(instance, locale, **fields):
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translation = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def seed(home):
    """The Spanish name, home, about and privacy pages, offices, articles and booking page."""
    spanish = Locale.objects.get(language_code="es")
    identity = PracticeIdentity.objects.filter(locale__language_code="en").first()
    if identity is not None:
        translate_snippet(identity, spanish, **IDENTITY)
    home_es = translate_page(home, spanish, **HOME)
    pages = {}
    for slug, fields in CONTENT_PAGES.items():
        english = home.get_children().filter(slug=slug).type(ContentPage).first()
        if english is not None:
            pages[slug] = translate_page(english.specific, spanish, **fields)
    office_index = OfficeIndexPage.objects.child_of(home).first()
    if office_index is not None:
        translate_page(office_index, spanish, **OFFICE_INDEX)
        for office in OfficePage.objects.child_of(office_index):
            if office.slug in OFFICES:
                translate_page(office, spanish, **OFFICES[office.slug])
    booking = BookingPage.objects.child_of(home).first()
    if booking is not None:
        pages["book"] = translate_page(booking, spanish, **BOOKING)
    statement = AccessibilityStatementPage.objects.child_of(home).first()
    if statement is not None:
        pages["accessibility"] = translate_page(statement, spanish, **STATEMENT)
    # Before the articles: a Spanish article names the Spanish procedure pages.
    procedures = seed_procedures(home, spanish)
    blog = BlogIndexPage.objects.child_of(home).first()
    if blog is not None:
        seed_blog(blog, spanish, procedures)
    return home_es, pages


def seed_procedures(home, spanish):
    """The Spanish procedures index, procedure pages and gallery; {English page id: Spanish
    page}. The before/after cases stay with the English pages (a case belongs to one
    procedure, whatever the language): the Spanish gallery finds them by translation key."""
    index = ProcedureIndexPage.objects.child_of(home).first()
    if index is None:
        return {}
    translate_page(index, spanish, **demo_content_es.PROCEDURE_INDEX)
    procedures = {}
    for page in ProcedurePage.objects.child_of(index):
        fields = demo_content_es.PROCEDURES.get(page.slug)
        if fields is not None:
            procedures[page.pk] = translate_page(page, spanish, **fields)
    gallery = GalleryPage.objects.child_of(index).first()
    if gallery is not None:
        translate_page(gallery, spanish, **demo_content_es.GALLERY)
    return procedures


def seed_blog(blog, spanish, procedures):
    translate_page(blog, spanish, **BLOG_INDEX)
    authors = {}
    for author in Author.objects.filter(locale__language_code="en", slug__in=AUTHORS):
        authors[author.pk] = translate_snippet(author, spanish, **AUTHORS[author.slug])
    categories = {}
    for english_slug, slug, name, description in CATEGORIES:
        english = BlogCategory.objects.filter(locale__language_code="en", slug=english_slug)
        if english.exists():
            categories[english_slug] = translate_snippet(
                english.get(), spanish, slug=slug, name=name, description=description
            )
    for spec in ARTICLES:
        source = BlogPage.objects.child_of(blog).filter(slug=spec["source"]).first()
        if source is None or source.get_translation_or_none(spanish) is not None:
            continue
        spec = dict(spec)
        del spec["source"]
        category_slugs = spec.pop("categories")
        tags = spec.pop("tags")
        article = source.copy_for_translation(spanish)
        for name, value in spec.items():
            setattr(article, name, value)
        article.categories = [categories[s] for s in category_slugs if s in categories]
        # The Spanish article names the Spanish procedure pages (those translated).
        article.procedures = [
            procedures[page.pk] for page in source.procedures.all() if page.pk in procedures
        ]
        # The Spanish article names the Spanish translations of its authors: the author links
        # the copy made are edited in place, not replaced, because the copy queued a
        # reference-index task for each of them, which must find its row when it runs.
        links = list(article.article_authors.all())
        for link in links:
            link.author = authors.get(link.author_id, link.author)
        article.article_authors = links
        article.save()
        article.tags.set(tags)
        article.save_revision().publish()
