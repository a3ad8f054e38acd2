mail-invitation-subject = { $organization }: { $survey }
mail-invitation-body =
    Hola, { $name }:

    { $purpose }

    Te llevará unos cinco minutos: nombras a los compañeros a los que acudes. { $privacy }

    Cuando la encuesta haya cerrado y se haya analizado, el mismo enlace te mostrará tu propia red: a quién nombraste, hasta dónde llegan tus vínculos y algunas sugerencias. Nunca muestra las respuestas de otras personas.

    Tu enlace personal (por favor, no lo reenvíes):
    { $link }

    Puedes volver y cambiar tus respuestas hasta el { $closes_on }.

    Gracias,
    { $organization }
mail-reminder-subject = Recordatorio: { $survey } cierra el { $closes_on }
mail-reminder-body =
    Hola, { $name }:

    Hace unos días te invitamos a participar en { $survey }. Aún no hemos recibido tus respuestas, y cada respuesta hace que la imagen sea más precisa.

    Tu enlace personal:
    { $link }

    La encuesta cierra el { $closes_on }.

    Gracias,
    { $organization }
mail-pulse-subject = { $organization }: ¿qué tal tus primeras semanas?
mail-pulse-body =
    Hola, { $name }:

    { $purpose }

    Dos preguntas: a quién has acudido en busca de ayuda desde que llegaste y quién ha acudido a ti. { $privacy }

    Tu enlace personal (por favor, no lo reenvíes):
    { $link }

    Puedes cambiar tus respuestas hasta el { $closes_on }.

    Gracias,
    { $organization }
mail-introductions-subject = { $organization }: personas a quienes conocer
mail-introductions-body =
    Hola, { $name }:

    Te damos la bienvenida a { $organization }. Los compañeros que conocen bien la casa pueden ahorrarte semanas, así que aquí tienes algunas personas a quienes conocer, y por qué:

    { $introductions }

    Tu página, donde puedes decir a quién conociste (por favor, no la reenvíes):
    { $link }

    Gracias,
    { $organization }
mail-manager-copy-subject = { $organization }: personas a quienes { $name } debería conocer
mail-manager-copy-body =
    Hola:

    { $name } se incorporó a tu equipo hace poco. Estos compañeros se sugirieron a { $name } como personas a quienes conocer, y por qué:

    { $introductions }

    Unas palabras tuyas a cada uno facilitan la presentación. Puedes seguir los primeros meses de { $name } en Knit (inicia sesión con tu cuenta):
    { $link }

    Gracias,
    { $organization }
mail-heads-up-subject = { $organization }: puede que { $newcomer } se ponga en contacto contigo
mail-heads-up-body =
    Hola, { $name }:

    { $newcomer } se incorporó a { $organization } hace poco, y se te sugirió como alguien a quien conocer. Puede que { $newcomer } se ponga en contacto contigo: unos minutos de tu tiempo ayudan a una persona nueva a orientarse.

    Si te lo piden demasiado a menudo, un clic pide a Knit que te sugiera menos (sin iniciar sesión):
    { $link }

    Gracias,
    { $organization }
mail-did-you-meet-subject = { $organization }: ¿os conocisteis?
mail-did-you-meet-body =
    Hola, { $name }:

    Hace un par de semanas te sugerimos algunos compañeros a quienes conocer. ¿Los conociste? Un clic en cada enlace nos lo dice, y ayuda también a las próximas personas que lleguen:

    { $introductions }

    Tu página (por favor, no la reenvíes):
    { $link }

    Gracias,
    { $organization }
mail-account-welcome-subject = { $organization }: tu cuenta de Knit
mail-account-welcome-body =
    Hola, { $name }:

    Se ha creado para ti una cuenta en Knit, donde { $organization } representa cómo colabora la gente. Elige tu contraseña con este enlace; funciona una vez, durante los próximos 7 días:
    { $link }

    Después, inicia sesión con esta dirección de correo y esa contraseña.

    { $organization }
mail-password-reset-subject = { $organization }: elige una nueva contraseña para Knit
mail-password-reset-body =
    Hola, { $name }:

    Alguien pidió un enlace para elegir una nueva contraseña para tu cuenta de Knit. Funciona una vez, durante los próximos 30 minutos:
    { $link }

    Si no fuiste tú, ignora este mensaje: tu contraseña sigue igual.

    { $organization }
mail-open-link = Abrir la encuesta

# The example survey of a preview.
mail-example-survey = Quién ayuda a quién, primavera
