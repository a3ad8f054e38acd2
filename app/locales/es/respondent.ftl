# La página de quien responde una encuesta.

respond-open-until = Abierta hasta el { $date }
respond-hello = Hola, { $name }.
respond-closed = Esta encuesta ha cerrado. Gracias por tu interés; ya no se pueden dar ni cambiar respuestas.
respond-submitted = Gracias: tus respuestas se han enviado. Puedes volver y cambiarlas hasta que cierre la encuesta.
respond-saved = Guardado.
respond-declined-noted = Anotado: prefieres no participar. No recibirás recordatorios, y no se conserva nada de lo que hubieras guardado.
respond-save = Guardar
respond-about-you = Sobre ti
respond-submit = Enviar
respond-submit-changes = Enviar los cambios
respond-save-later = Guardar y terminar más tarde
respond-decline = Prefiero no participar…
respond-decline-explained = Se borra todo lo que hayas guardado y no recibirás recordatorios. Puedes volver a participar hasta que cierre la encuesta.
respond-decline-confirm = Sí, prefiero no participar
respond-more-intro = Más sobre esta encuesta
respond-who-sees-what = Quién ve qué, y durante cuánto tiempo
respond-declined = Dijiste que prefieres no participar en esta encuesta. No recibirás recordatorios sobre ella.
respond-take-part = Participar después de todo
respond-suggested-less = Pediste que te sugiramos menos a menudo, así que Knit te sugiere como mucho a una persona nueva por trimestre.
respond-suggested = En los últimos tres meses, Knit te sugirió a { $count ->
        [one] una persona recién incorporada
       *[other] { $count } personas recién incorporadas
    } como alguien a quien conocer. Gracias por ayudarles a orientarse.
respond-suggest-as-usual = Sugerirme como siempre
respond-suggest-less = Sugerirme menos a menudo
respond-remove = Quitar
respond-remove-person = Quitar a { $name }
respond-no-match-query = Nadie coincide con «{ $query }». Escribe al menos dos letras de un nombre, equipo o puesto.
respond-matching = Compañeros que coinciden
respond-find-colleague = Buscar a un compañero o compañera: { $question }
respond-language = Idioma
respond-language-change = Cambiar de idioma
respond-choose = Elige…
respond-strongly-disagree = Muy en desacuerdo
respond-disagree = En desacuerdo
respond-neither = Ni de acuerdo ni en desacuerdo
respond-agree = De acuerdo
respond-strongly-agree = Muy de acuerdo
respond-answer-saved = Guardado
respond-answer-not-saved = No guardado: usa Guardar más abajo

picker-added-now = Añadidos ahora mismo
picker-placeholder = Nombre, equipo o puesto
picker-find = Buscar
picker-no-match = Nadie coincide. Prueba con parte de un nombre, equipo o puesto.
picker-results = Compañeros que coinciden con tu búsqueda ({ $question })
picker-found = { $count ->
        [0] Nadie coincide.
        [one] Se encontró una persona.
       *[other] Se encontraron { $count } personas.
    }
picker-added = Se añadió a { $name }.
picker-not-added = No se añadió a { $name }: { $reason }
picker-taken-off = Se quitó a { $name }.

respond-open-from-link = Abre la encuesta desde el enlace personal de tu invitación.

# Por qué no se guardaron las respuestas.
respond-refused-too-many = Has nombrado a { $named } compañeros; un formulario admite como máximo { $most }. Quita algunos y vuelve a guardar.
respond-refused-not-in-survey = Un compañero que has nombrado no está entre las personas por las que pregunta esta encuesta. Quítalo y vuelve a intentarlo.
respond-refused-question-not-asked = Una respuesta es para una pregunta que esta encuesta no hace. Vuelve a cargar la página.
respond-refused-named-self = No puedes nombrarte a ti mismo.
respond-refused-named-twice = El mismo compañero aparece dos veces en una pregunta.
respond-refused-scale-value = { $scale }: elige un valor de la lista.
respond-refused-rating-not-asked = Una respuesta tiene una valoración que esta pregunta no pide. Vuelve a cargar la página.
respond-refused-not-a-choice = { $question }: esta respuesta no es una de las opciones (o es demasiado larga).
respond-refused-rate-unnamed = Añade primero a este compañero y luego valóralo.
respond-refused-closed = Esta encuesta está cerrada; las respuestas ya no pueden cambiar.
respond-refused-language = Elige uno de los idiomas de la lista.
