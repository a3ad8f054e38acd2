welcome-title = Des personnes à rencontrer
welcome-intro = Des collègues qui peuvent vous aider à trouver vos repères, et pourquoi nous vous les proposons. Dites-nous comment cela s’est passé : cela aide aussi les prochaines recrues.
welcome-did-you-meet = Avez-vous rencontré { $name } ?
welcome-met = Nous nous sommes rencontrés
welcome-not-yet = Pas encore
welcome-not-useful = Pas utile
welcome-later = Plus tard
welcome-answer-label = { $answer } : { $name }
welcome-status-met = Rencontré
welcome-status-not-useful = Pas utile
welcome-status-later = Plus tard
welcome-status-suggested = Pas encore

reason-team-goes-to = { $people } personnes de { $team } demandent de l’aide à { $name }.
reason-many-go-to = { $departments ->
        [0] { $people } personnes demandent de l’aide à { $name }.
        [1] { $people } personnes demandent de l’aide à { $name }.
       *[other] { $people } personnes de { $departments } services demandent de l’aide à { $name }.
    }
reason-same-team = { $name } est dans votre équipe, { $team }.
reason-same-department = { $name } travaille dans votre service, { $department }.
reason-joined-recently = { $name } vient d’arriver, comme vous.
reason-same-location = { $name } travaille aussi à { $location }.
reason-works-in = { $name } travaille dans le service { $department }.

pulse-name = Point d’étape des nouvelles recrues
pulse-introduction = Deux questions pour les personnes arrivées récemment. Cela prend une minute et montre qui vous avez rencontré jusqu’ici, pour que nous puissions vous proposer d’autres personnes à rencontrer.
pulse-went-to = Depuis votre arrivée, vers qui vous êtes-vous tourné pour de l’aide ou des informations sur votre travail ?
pulse-came-to-you = Qui est venu vers vous pour de l’aide ou des informations ?

welcome-refused-answer = Choisissez « Nous nous sommes rencontrés », « Pas utile » ou « Plus tard ».
welcome-refused-not-yours = Cette mise en relation ne fait pas partie des vôtres.
welcome-open-from-link = Ouvrez cette page avec le lien de votre e-mail de mises en relation.
