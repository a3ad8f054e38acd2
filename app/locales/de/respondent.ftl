# Die Seite der Befragten: was eine Person liest, wenn sie eine Umfrage beantwortet.

respond-open-until = Offen bis { $date }
respond-hello = Hallo { $name }.
respond-closed = Diese Umfrage ist beendet. Danke für Ihr Interesse; Antworten können nicht mehr gegeben oder geändert werden.
respond-submitted = Danke: Ihre Antworten sind abgeschickt. Bis zum Ende der Umfrage können Sie zurückkommen und sie ändern.
respond-saved = Gespeichert.
respond-declined-noted = Notiert: Sie möchten nicht teilnehmen. Sie erhalten keine Erinnerungen, und nichts, was Sie gespeichert hatten, wird aufbewahrt.
respond-save = Speichern
respond-about-you = Über Sie
respond-submit = Abschicken
respond-submit-changes = Änderungen abschicken
respond-save-later = Speichern und später fertigstellen
respond-decline = Ich möchte nicht teilnehmen…
respond-decline-explained = Alles, was Sie gespeichert haben, wird gelöscht, und Sie erhalten keine Erinnerungen. Bis zum Ende der Umfrage können Sie doch noch teilnehmen.
respond-decline-confirm = Ja, ich möchte nicht teilnehmen
respond-more-intro = Mehr über diese Umfrage
respond-who-sees-what = Wer was sieht, und wie lange
respond-declined = Sie haben gesagt, dass Sie an dieser Umfrage nicht teilnehmen möchten. Sie erhalten keine Erinnerungen dazu.
respond-take-part = Doch teilnehmen
respond-suggested-less = Sie haben gebeten, seltener vorgeschlagen zu werden: Knit schlägt Sie höchstens einer neuen Person pro Quartal vor.
respond-suggested = In den letzten drei Monaten hat Knit Sie { $count ->
        [one] einer neuen Kollegin oder einem neuen Kollegen
       *[other] { $count } neuen Kolleginnen und Kollegen
    } als Ansprechperson vorgeschlagen. Danke, dass Sie ihnen den Einstieg erleichtern.
respond-suggest-as-usual = Mich wie üblich vorschlagen
respond-suggest-less = Mich seltener vorschlagen
respond-remove = Entfernen
respond-remove-person = { $name } entfernen
respond-no-match-query = Niemand passt zu „{ $query }“. Geben Sie mindestens zwei Buchstaben eines Namens, Teams oder Titels ein.
respond-matching = Passende Kolleginnen und Kollegen
respond-find-colleague = Kollegin oder Kollegen finden: { $question }
respond-language = Sprache
respond-language-change = Sprache wechseln
respond-choose = Bitte wählen…
respond-strongly-disagree = Stimme gar nicht zu
respond-disagree = Stimme nicht zu
respond-neither = Weder noch
respond-agree = Stimme zu
respond-strongly-agree = Stimme voll zu
respond-answer-saved = Gespeichert
respond-answer-not-saved = Nicht gespeichert: bitte unten speichern

picker-added-now = Gerade hinzugefügt
picker-placeholder = Name, Team oder Titel
picker-find = Suchen
picker-no-match = Niemand passt. Versuchen Sie einen Teil eines Namens, Teams oder Titels.
picker-results = Kolleginnen und Kollegen zu Ihrer Suche ({ $question })
picker-found = { $count ->
        [0] Niemand passt.
        [one] Eine Person gefunden.
       *[other] { $count } Personen gefunden.
    }
picker-added = { $name } hinzugefügt.
picker-not-added = { $name } wurde nicht hinzugefügt: { $reason }
picker-taken-off = { $name } entfernt.

respond-open-from-link = Öffnen Sie die Umfrage über den persönlichen Link in Ihrer Einladung.

# Warum Antworten nicht gespeichert wurden.
respond-refused-too-many = Sie haben { $named } Kolleginnen und Kollegen genannt; ein Formular nimmt höchstens { $most } auf. Entfernen Sie einige und speichern Sie erneut.
respond-refused-not-in-survey = Eine genannte Person gehört nicht zu den Personen, nach denen diese Umfrage fragt. Entfernen Sie sie und versuchen Sie es erneut.
respond-refused-question-not-asked = Eine Antwort gehört zu einer Frage, die diese Umfrage nicht stellt. Laden Sie die Seite neu.
respond-refused-named-self = Sie können sich nicht selbst nennen.
respond-refused-named-twice = Dieselbe Person ist bei einer Frage zweimal genannt.
respond-refused-scale-value = { $scale }: Wählen Sie einen Wert aus der Liste.
respond-refused-rating-not-asked = Eine Antwort enthält eine Bewertung, nach der diese Frage nicht fragt. Laden Sie die Seite neu.
respond-refused-not-a-choice = { $question }: Diese Antwort ist keine der Auswahlmöglichkeiten (oder zu lang).
respond-refused-rate-unnamed = Nennen Sie diese Person zuerst, dann bewerten Sie sie.
respond-refused-closed = Diese Umfrage ist geschlossen; Antworten können nicht mehr geändert werden.
respond-refused-language = Wählen Sie eine der aufgeführten Sprachen.
