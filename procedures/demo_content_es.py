"""The demo procedures in Spanish, for practice.demo_spanish: original text written for this
site, each the translation of an English page in demo_content (keyed by its slug). General
information only, as a practice would publish it; not medical advice, and no promise of a
result."""

from procedures.demo_content import qa, step

PROCEDURE_INDEX = {
    "title": "Procedimientos",
    "slug": "procedimientos",
    "intro": "<p>En qué consiste cada procedimiento, a quién suele convenir, cómo es la "
    "recuperación y cuánto cuesta, revisado por nuestro cirujano.</p>",
}

GALLERY = {
    "title": "Antes y después",
    "slug": "resultados",
    "intro": "<p>Resultados de pacientes que aceptaron compartirlos. Cada rostro cicatriza a "
    "su manera: estas fotos muestran lo que es posible, no lo que se promete.</p>",
}

PROCEDURES = {
    "eyelid-surgery": {
        "title": "Cirugía de párpados",
        "slug": "cirugia-de-parpados",
        "body_location": "Párpados superiores e inferiores",
        "summary": "La blefaroplastia retira la piel sobrante de los párpados superiores y "
        "suaviza las bolsas bajo los ojos, para que la mirada se vea descansada sin parecer "
        "otra.",
        "who_it_suits": "<p>Personas a las que la piel del párpado superior les cae sobre las "
        "pestañas o les reduce el campo visual, y personas con bolsas bajo los ojos que no "
        "cambian hagan lo que hagan. El ojo seco, la enfermedad tiroidea ocular o una cirugía "
        "láser reciente de los ojos se hablan antes.</p>",
        "how_it_is_done": "<p>Por lo general con anestesia local y sedación ligera, en una hora "
        "para los párpados superiores y hasta dos horas para ambos. Las incisiones del párpado "
        "superior siguen el pliegue natural; la grasa del párpado inferior suele tratarse "
        "desde el interior del párpado, sin cicatriz visible.</p>",
        "preparation": "<p>Deje de fumar al menos cuatro semanas antes. Le diremos qué "
        "suplementos y anticoagulantes debe suspender, y necesitará a alguien que le lleve a "
        "casa y le acompañe la primera noche.</p>",
        "recovery": [
            step(
                0,
                "day",
                "Descanso con la cabeza elevada",
                "Las compresas frías cada hora que esté despierto ayudan a bajar la hinchazón.",
            ),
            step(
                1,
                "week",
                "Retiro de puntos",
                "Casi todos los moretones se han vuelto amarillos; el maquillaje suave puede "
                "usarse desde el décimo día.",
            ),
            step(
                2,
                "week",
                "Vuelta al trabajo",
                "La mayoría retoma el trabajo de oficina y las pantallas sin molestias.",
            ),
            step(
                3,
                "month",
                "Resultado asentado",
                "La cicatriz del pliegue suele quedar como una línea fina dentro del pliegue.",
            ),
        ],
        "risks": "<p>Ojos secos o llorosos durante un tiempo, visión borrosa unos días, "
        "asimetría y, rara vez, dificultad para cerrar los ojos por completo. El sangrado "
        "detrás del ojo es raro y requiere atención urgente; antes de que se vaya a casa le "
        "explicamos las señales de alarma.</p>",
        "price_note": "Solo los párpados superiores están en la parte baja del rango; incluye "
        "los gastos del quirófano.",
        "faq": [
            qa(
                "¿Se verán distintos mis ojos?",
                "Se busca que se vean como los suyos en un buen día: la forma del ojo se conserva.",
            ),
            qa(
                "¿La cubre el seguro médico?",
                "Solo cuando la piel caída tapa la visión y una prueba de campo visual lo "
                "demuestra; podemos organizar la prueba.",
            ),
        ],
    },
    "rhinoplasty": {
        "title": "Rinoplastia",
        "slug": "rinoplastia",
        "body_location": "Nariz",
        "summary": "Da a la nariz una forma en equilibrio con el resto del rostro y, cuando "
        "hace falta, mejora a la vez la respiración.",
        "who_it_suits": "<p>Adultos cuya nariz ha terminado de crecer (hacia los 16 años en las "
        "chicas y los 18 en los chicos) que desean un cambio concreto, como un dorso más liso "
        "o una punta más definida, y personas con la respiración obstruida por un tabique "
        "desviado.</p>",
        "how_it_is_done": "<p>Con anestesia general, en dos a cuatro horas. La técnica abierta "
        "usa una pequeña incisión en la piel entre las fosas nasales; la cerrada trabaja por "
        "completo dentro de la nariz. El cartílago y el hueso se remodelan en lugar de "
        "simplemente retirarse.</p>",
        "preparation": "<p>Traiga fotos de lo que le gusta y de lo que no. Deje de fumar cuatro "
        "semanas antes y evite la aspirina y el aceite de pescado durante dos semanas.</p>",
        "recovery": [
            step(
                1,
                "week",
                "Fuera la férula",
                "Se retiran la férula externa y los puntos que haya; la nariz se ve hinchada "
                "pero presentable.",
            ),
            step(
                3,
                "week",
                "De nuevo el ejercicio",
                "Puede retomar el ejercicio suave; evite apoyar gafas sobre el dorso.",
            ),
            step(
                12,
                "month",
                "Forma definitiva",
                "La hinchazón de la punta es la última en irse y puede tardar un año entero.",
            ),
        ],
        "risks": "<p>Cambios en la respiración, insensibilidad de la punta, asimetría y la "
        "posibilidad de querer un pequeño retoque más adelante. Los sangrados nasales de los "
        "primeros días son frecuentes.</p>",
        "price_note": "El precio de una rinoplastia secundaria se fija después de la consulta.",
        "faq": [
            qa(
                "¿Pueden mostrarme cómo me veré?",
                "En la consulta usamos simulación fotográfica para acordar los objetivos; es "
                "una guía, no una promesa.",
            ),
        ],
    },
    "facelift": {
        "title": "Lifting facial y de cuello",
        "slug": "lifting-facial",
        "body_location": "Parte baja del rostro, mandíbula y cuello",
        "summary": "Recoloca los tejidos profundos de la parte baja del rostro y del cuello "
        "para devolver definición a la línea de la mandíbula, con incisiones escondidas "
        "alrededor de las orejas.",
        "who_it_suits": "<p>Personas con buena salud general que tienen papada, piel floja en "
        "el cuello o surcos marcados de la nariz a la boca. No cambia las arrugas finas ni la "
        "textura de la piel.</p>",
        "how_it_is_done": "<p>Con anestesia general o sedación profunda, en tres a cinco horas. "
        "Se eleva y se fija la capa que está bajo la piel, y luego la piel se recoloca sin "
        "tensión, lo que ayuda a que el resultado se vea natural y las cicatrices finas.</p>",
        "preparation": "<p>Un control médico con su médico de cabecera, la presión arterial "
        "bajo control y nada de tabaco ni nicotina seis semanas antes y después.</p>",
        "recovery": [
            step(
                0,
                "day",
                "Una noche de cuidados",
                "Un vendaje y pequeños drenajes se quedan esa noche; una enfermera le revisa.",
            ),
            step(
                2,
                "week",
                "Salir a la calle",
                "La hinchazón y los moretones casi han desaparecido; el pelo cubre las cicatrices.",
            ),
            step(
                6,
                "month",
                "Asentado",
                "La sensibilidad alrededor de las orejas suele volver a la normalidad.",
            ),
        ],
        "risks": "<p>Sangrado bajo la piel, insensibilidad, cicatrices visibles o "
        "ensanchadas, pérdida de pelo en las incisiones y, rara vez, debilidad de un músculo "
        "facial, casi siempre pasajera.</p>",
        "price_note": "",
        "faq": [
            qa(
                "¿Cuánto dura un lifting?",
                "El lifting no detiene el envejecimiento: el rostro sigue cambiando. En "
                "muchas personas la mejoría se nota durante años, pero cada caso es distinto "
                "y lo hablamos en la consulta.",
            ),
        ],
    },
    "brow-lift": {
        "title": "Elevación de cejas",
        "slug": "elevacion-de-cejas",
        "body_location": "Frente y cejas",
        "summary": "Eleva las cejas bajas o pesadas para abrir la parte superior del rostro y "
        "suavizar un aire cansado o de enfado.",
        "who_it_suits": "<p>Personas con las cejas bajas que empujan la piel sobre los párpados "
        "superiores. A menudo se combina con la cirugía de párpados; a veces elevar solo la "
        "ceja hace innecesaria la cirugía del párpado.</p>",
        "how_it_is_done": "<p>Mediante incisiones cortas detrás de la línea del pelo, con una "
        "pequeña cámara (endoscópica), o en las sienes si solo se eleva la parte externa de la "
        "ceja. Alrededor de una hora y media con sedación o anestesia general.</p>",
        "preparation": "<p>Mantenga su largo de pelo habitual para que cubra las incisiones "
        "del cuero cabelludo. Suspenda los anticoagulantes según le indiquemos.</p>",
        "recovery": [
            step(
                1,
                "week",
                "Retiro de grapas",
                "La hinchazón de la frente baja hacia los ojos y se va desvaneciendo.",
            ),
            step(
                3,
                "week",
                "Rutina normal",
                "Puede lavarse el pelo y peinarse con suavidad.",
            ),
            step(
                3,
                "month",
                "Posición final de la ceja",
                "El cuero cabelludo suele recuperar su sensibilidad normal.",
            ),
        ],
        "risks": "<p>Insensibilidad del cuero cabelludo, una expresión de sorpresa si se eleva "
        "demasiado (lo evitamos), asimetría y pelo más fino a lo largo de las incisiones.</p>",
        "price_note": "",
        "faq": [
            qa(
                "¿Pareceré sorprendida o sorprendido?",
                "No si la ceja se coloca donde estaba cuando era más joven; la altura la "
                "planeamos con usted.",
            ),
        ],
    },
    "dermal-fillers": {
        "title": "Rellenos dérmicos",
        "slug": "rellenos-dermicos",
        "body_location": "Pómulos, labios, ojeras hundidas y mandíbula",
        "summary": "Gel de ácido hialurónico inyectado para reponer volumen perdido o definir "
        "contornos, con un efecto que se ve el mismo día.",
        "who_it_suits": "<p>Personas que desean un volumen sutil en pómulos o labios, suavizar "
        "las ojeras hundidas o definir la mandíbula sin cirugía. No durante el embarazo ni con "
        "una infección activa de la piel.</p>",
        "how_it_is_done": "<p>En una visita de 30 a 45 minutos, con crema anestésica y agujas "
        "finas o una cánula roma. El gel lleva un anestésico local.</p>",
        "preparation": "<p>Evite el alcohol y los antiinflamatorios los dos días anteriores "
        "para reducir los moretones. Cuéntenos si le han puesto rellenos antes.</p>",
        "recovery": [
            step(
                0,
                "day",
                "De vuelta a su día",
                "Las pequeñas hinchazones o marcas de las agujas suelen pasar en unas horas.",
            ),
            step(
                2,
                "week",
                "Revisión",
                "Revisamos el resultado y, si hace falta, añadimos un poco.",
            ),
            step(
                9,
                "month",
                "Se suaviza poco a poco",
                "El cuerpo absorbe el gel lentamente; muchas personas lo renuevan entre los 9 y "
                "los 18 meses.",
            ),
        ],
        "risks": "<p>Moretones, hinchazón y pequeños bultos que se pueden masajear. Rara vez un "
        "relleno obstruye un vaso sanguíneo; tenemos a mano la enzima que lo disuelve y le "
        "explicamos las señales de alarma.</p>",
        "price_note": "Por jeringa.",
        "faq": [
            qa(
                "¿Se pueden revertir los rellenos?",
                "Los rellenos de ácido hialurónico pueden disolverse con una enzima en un día.",
            ),
        ],
    },
    "wrinkle-relaxing-injections": {
        "title": "Inyecciones para relajar arrugas",
        "slug": "inyecciones-para-arrugas",
        "body_location": "Frente, entrecejo y patas de gallo",
        "summary": "Un neuromodulador inyectado relaja los músculos que arrugan la piel y "
        "suaviza las líneas sin quitarle sus expresiones.",
        "who_it_suits": "<p>Personas a las que les molestan las líneas del entrecejo, de la "
        "frente o las patas de gallo, y algunas con sonrisa gingival o la mandíbula tensa. No "
        "durante el embarazo o la lactancia, ni con algunas enfermedades de los nervios y los "
        "músculos.</p>",
        "how_it_is_done": "<p>Una visita de quince minutos con unas pocas inyecciones "
        "diminutas; normalmente no hace falta anestesia.</p>",
        "preparation": "<p>Si puede, venga sin maquillaje en la zona. Prográmelo al menos dos "
        "semanas antes de un evento.</p>",
        "recovery": [
            step(
                0,
                "day",
                "Manténgase erguido",
                "Durante cuatro horas evite acostarse, frotar la zona o hacer ejercicio intenso.",
            ),
            step(
                2,
                "week",
                "Efecto completo",
                "El efecto aumenta durante dos semanas; entonces lo revisamos.",
            ),
            step(
                3,
                "month",
                "El efecto pasa",
                "El movimiento vuelve poco a poco después de tres o cuatro meses.",
            ),
        ],
        "risks": "<p>Pequeños moretones, dolor de cabeza y, rara vez, una ceja o un párpado "
        "caídos durante un tiempo, que se pasan solos.</p>",
        "price_note": "Depende de las zonas tratadas.",
        "faq": [
            qa(
                "¿Podré seguir frunciendo el ceño?",
                "Buscamos suavizar las líneas, no congelar el rostro; una dosis menor conserva "
                "más movimiento.",
            ),
        ],
    },
}
