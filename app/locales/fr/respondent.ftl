# La page de la personne qui répond à une enquête.

respond-open-until = Ouvert jusqu’au { $date }
respond-hello = Bonjour { $name }.
respond-closed = Cette enquête est close. Merci de votre intérêt ; il n’est plus possible de répondre ni de modifier les réponses.
respond-submitted = Merci : vos réponses sont envoyées. Vous pouvez revenir les modifier jusqu’à la clôture de l’enquête.
respond-saved = Enregistré.
respond-declined-noted = C’est noté : vous préférez ne pas participer. Vous ne recevrez aucune relance, et rien de ce que vous aviez enregistré n’est conservé.
respond-save = Enregistrer
respond-about-you = À votre sujet
respond-submit = Envoyer
respond-submit-changes = Envoyer les modifications
respond-save-later = Enregistrer et finir plus tard
respond-decline = Je préfère ne pas participer…
respond-decline-explained = Tout ce que vous avez enregistré est supprimé, et vous ne recevez aucune relance. Vous pouvez à nouveau participer jusqu’à la clôture de l’enquête.
respond-decline-confirm = Oui, je préfère ne pas participer
respond-more-intro = En savoir plus sur cette enquête
respond-who-sees-what = Qui voit quoi, et pour combien de temps
respond-declined = Vous avez indiqué préférer ne pas participer à cette enquête. Vous ne recevrez aucune relance à son sujet.
respond-take-part = Participer finalement
respond-suggested-less = Vous avez demandé à être proposé moins souvent : Knit vous propose au plus à une nouvelle recrue par trimestre.
respond-suggested = Au cours des trois derniers mois, Knit vous a proposé à { $count ->
        [one] une nouvelle recrue
       *[other] { $count } nouvelles recrues
    } comme personne à rencontrer. Merci de les aider à trouver leurs repères.
respond-suggest-as-usual = Me proposer comme d’habitude
respond-suggest-less = Me proposer moins souvent
respond-remove = Retirer
respond-remove-person = Retirer { $name }
respond-no-match-query = Personne ne correspond à « { $query } ». Tapez au moins deux lettres d’un nom, d’une équipe ou d’un intitulé de poste.
respond-matching = Collègues correspondants
respond-find-colleague = Trouver un ou une collègue : { $question }
respond-language = Langue
respond-language-change = Changer de langue
respond-choose = Choisir…
respond-strongly-disagree = Pas du tout d’accord
respond-disagree = Pas d’accord
respond-neither = Ni d’accord ni pas d’accord
respond-agree = D’accord
respond-strongly-agree = Tout à fait d’accord
respond-answer-saved = Enregistré
respond-answer-not-saved = Non enregistré : utilisez Enregistrer plus bas

picker-added-now = Ajoutés à l’instant
picker-placeholder = Nom, équipe ou poste
picker-find = Chercher
picker-no-match = Personne ne correspond. Essayez une partie d’un nom, d’une équipe ou d’un poste.
picker-results = Collègues correspondant à votre recherche ({ $question })
picker-found = { $count ->
        [0] Personne ne correspond.
        [one] Une personne trouvée.
       *[other] { $count } personnes trouvées.
    }
picker-added = { $name } ajouté·e.
picker-not-added = { $name } n’a pas été ajouté·e : { $reason }
picker-taken-off = { $name } retiré·e.

respond-open-from-link = Ouvrez l’enquête avec le lien personnel de votre invitation.

# Pourquoi des réponses n’ont pas été enregistrées.
respond-refused-too-many = Vous avez nommé { $named } collègues ; un formulaire en accepte au plus { $most }. Retirez-en quelques-uns et enregistrez à nouveau.
respond-refused-not-in-survey = Un collègue que vous avez nommé ne fait pas partie des personnes visées par cette enquête. Retirez-le et réessayez.
respond-refused-question-not-asked = Une réponse porte sur une question que cette enquête ne pose pas. Rechargez la page.
respond-refused-named-self = Vous ne pouvez pas vous nommer vous-même.
respond-refused-named-twice = Le même collègue est nommé deux fois pour une question.
respond-refused-scale-value = { $scale } : choisissez une valeur dans la liste.
respond-refused-rating-not-asked = Une réponse contient une évaluation que cette question ne demande pas. Rechargez la page.
respond-refused-not-a-choice = { $question } : cette réponse ne fait pas partie des choix (ou elle est trop longue).
respond-refused-rate-unnamed = Ajoutez d’abord ce collègue, puis évaluez-le.
respond-refused-closed = Cette enquête est close ; les réponses ne peuvent plus changer.
respond-refused-language = Choisissez une des langues proposées.
