report-not-yet = Votre bilan n’est pas encore prêt. Il apparaîtra à votre lien personnel dès que l’enquête sera close et analysée.
report-eyebrow = { $survey } · close le { $date }
report-title = Votre réseau
report-hello = Bonjour { $name }. Cette page vous rend ce que vous nous avez dit dans { $survey } : votre propre réseau, et sa comparaison avec l’ensemble des personnes qui ont répondu.
report-only-you = Vous seul pouvez ouvrir cette page, depuis votre lien personnel. Elle montre qui vous avez nommé ; des réponses des autres, elle ne montre que des nombres, jamais qui, et un nombre de moins de { $k } personnes seulement sous la forme « moins de { $k } ». Elle est supprimée avec les réponses, { $kept } après la clôture de l’enquête.
report-map-label = Votre réseau : vous au centre, et autour de vous { $count ->
        [one] la personne
       *[other] les { $count } personnes
    } que vous avez nommées, colorées par service.
report-you = Vous
report-no-department = aucun service
report-you-named = { $count ->
        [0] Vous n’avez nommé personne pour cette question.
        [one] Vous avez nommé une personne :
       *[other] Vous avez nommé { $count } personnes :
    }
report-named-by-exactly = { $count } collègues vous ont nommé pour cette question.
report-named-by-fewer = Moins de { $k } collègues vous ont nommé pour cette question. Les nombres plus petits ne sont montrés à personne, vous compris.
report-reach-title = Jusqu’où va votre réseau
report-reach-colleagues = Collègues nommés : { $count }
report-reach-departments = Services où ils travaillent : { $count } sur { $total }
report-reach-organization = Parmi toutes les personnes qui ont répondu, la moitié a nommé des collègues dans { $median } services ou plus ; un quart dans { $lower } ou moins, et un quart dans { $upper } ou plus.
report-reach-too-few = Moins de { $k } personnes ont répondu : trop peu pour comparer.
report-suggestions-title = À essayer
report-bridge = Tissez des liens avec { $department }. Les collègues que vous avez nommés travaillent dans { $reached ->
        [one] un service
       *[other] { $reached } services
    } ; la moitié des gens ici en atteignent { $median } ou plus. Quelqu’un de { $department } pourrait vous dire tôt ce qui vous parvient aujourd’hui tard.
report-lighten = Partagez la charge. { $count } collègues vous ont nommé, plus que pour trois personnes sur quatre ici (elles ont été nommées par { $upper } personnes ou moins). Mettre par écrit ce qu’on vous demande souvent, ou orienter vers quelqu’un d’autre qui sait, libère votre temps et le leur.
report-widen = Élargissez votre cercle. Vous avez nommé { $count ->
        [one] une personne
       *[other] { $count } personnes
    } ; la moitié des gens ici en ont nommé { $median } ou plus. Pensez à qui vous pourriez demander la prochaine fois que vous êtes bloqué, et faites sa connaissance d’ici là.
report-keep = Entretenez ces liens. Les collègues que vous avez nommés travaillent dans { $departments ->
        [one] un service
       *[other] { $departments } services
    }, autant que la plupart des gens ici (la moitié en atteint { $median } ou plus). C’est par les liens entre groupes que circulent les nouvelles et l’aide.
