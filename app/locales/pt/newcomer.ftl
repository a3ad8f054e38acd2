welcome-title = Pessoas que vale a pena conhecer
welcome-intro = Colegas que o podem ajudar a encontrar o seu caminho, e porque os sugerimos. Diga-nos como correu: também ajuda as próximas pessoas a chegar.
welcome-did-you-meet = Conheceu { $name }?
welcome-met = Conhecemo-nos
welcome-not-yet = Ainda não
welcome-not-useful = Não foi útil
welcome-later = Mais tarde
welcome-answer-label = { $answer }: { $name }
welcome-status-met = Conheceram-se
welcome-status-not-useful = Não foi útil
welcome-status-later = Mais tarde
welcome-status-suggested = Ainda não

reason-team-goes-to = { $people } pessoas de { $team } recorrem a { $name } para pedir ajuda.
reason-many-go-to = { $departments ->
        [0] { $people } pessoas recorrem a { $name } para pedir ajuda.
        [1] { $people } pessoas recorrem a { $name } para pedir ajuda.
       *[other] { $people } pessoas de { $departments } departamentos recorrem a { $name } para pedir ajuda.
    }
reason-same-team = { $name } está na sua equipa, { $team }.
reason-same-department = { $name } trabalha no seu departamento, { $department }.
reason-joined-recently = { $name } também chegou há pouco tempo.
reason-same-location = { $name } também trabalha em { $location }.
reason-works-in = { $name } trabalha em { $department }.

pulse-name = Ponto de situação de recém-chegados
pulse-introduction = Duas perguntas para quem chegou há pouco tempo. Demora um minuto e mostra quem conheceu até agora, para que possamos sugerir outras pessoas que vale a pena conhecer.
pulse-went-to = Desde que chegou, a quem recorreu para pedir ajuda ou informações sobre o seu trabalho?
pulse-came-to-you = Quem recorreu a si para pedir ajuda ou informações?

welcome-refused-answer = Escolha «Conhecemo-nos», «Não foi útil» ou «Mais tarde».
welcome-refused-not-yours = Esta apresentação não é uma das suas.
welcome-open-from-link = Abra esta página a partir da ligação no seu email de apresentações.
