welcome-title = Personas a quienes conocer
welcome-intro = Compañeros que pueden ayudarte a orientarte, y por qué te los sugerimos. Cuéntanos qué tal fue: también ayuda a las próximas personas que lleguen.
welcome-did-you-meet = ¿Conociste a { $name }?
welcome-met = Nos conocimos
welcome-not-yet = Todavía no
welcome-not-useful = No fue útil
welcome-later = Más tarde
welcome-answer-label = { $answer }: { $name }
welcome-status-met = Os conocisteis
welcome-status-not-useful = No fue útil
welcome-status-later = Más tarde
welcome-status-suggested = Todavía no

reason-team-goes-to = { $people } personas de { $team } acuden a { $name } en busca de ayuda.
reason-many-go-to = { $departments ->
        [0] { $people } personas acuden a { $name } en busca de ayuda.
        [1] { $people } personas acuden a { $name } en busca de ayuda.
       *[other] { $people } personas de { $departments } departamentos acuden a { $name } en busca de ayuda.
    }
reason-same-team = { $name } está en tu equipo, { $team }.
reason-same-department = { $name } trabaja en tu departamento, { $department }.
reason-joined-recently = { $name } también se incorporó hace poco.
reason-same-location = { $name } también trabaja en { $location }.
reason-works-in = { $name } trabaja en { $department }.

pulse-name = Pulso de nuevas incorporaciones
pulse-introduction = Dos preguntas para quienes se han incorporado hace poco. Lleva un minuto y muestra a quién has conocido hasta ahora, para que podamos sugerirte otras personas a quienes conocer.
pulse-went-to = Desde que llegaste, ¿a quién has acudido en busca de ayuda o información sobre tu trabajo?
pulse-came-to-you = ¿Quién ha acudido a ti en busca de ayuda o información?

welcome-refused-answer = Elige «Nos conocimos», «No fue útil» o «Más tarde».
welcome-refused-not-yours = Esta presentación no es una de las tuyas.
welcome-open-from-link = Abre esta página desde el enlace de tu correo de presentaciones.
