retention-months = { $count ->
        [one] einen Monat
       *[other] { $count } Monate
    }
retention-days = { $count ->
        [one] einen Tag
       *[other] { $count } Tage
    }
privacy-email-promise = Nur das People-Analytics-Team sieht, wer wen genannt hat; alle anderen sehen Ergebnisse für Gruppen von mindestens { $k } Personen. Die Antworten werden { $kept } nach dem Ende der Umfrage gelöscht.
privacy-analysts-only = Wer wen genannt hat, sieht nur das People-Analytics-Team (die Analystinnen, Analysten und Administratoren von Knit), und jedes Mal, wenn jemand davon einzelne Ergebnisse öffnet, wird das in einem Prüfprotokoll festgehalten.
privacy-others-see-groups = Führungskräfte, neue Kolleginnen und Kollegen und alle anderen sehen nie die Antworten oder Bewertungen einer Person. Sie sehen Zahlen nur, wenn sie von mindestens { $k } Personen stammen, und nie zwei Zahlen, deren Differenz eine kleinere Gruppe beschreiben würde.
privacy-named-by-others = Auch andere können Sie nennen. Was sie über Sie gesagt haben, wird genauso behandelt: Nur das Analyseteam sieht es, und einer neuen Person wird zum Beispiel „Menschen aus 4 Abteilungen wenden sich an Sie“ nur gesagt, wenn es mindestens { $k } Personen waren.
privacy-deleted-after = Die Antworten werden { $kept } nach dem Ende der Umfrage gelöscht. Sie können bei HR eine Kopie von allem verlangen, was Knit über Sie speichert, oder die Löschung.
privacy-voluntary = Die Teilnahme ist freiwillig: Sie können sagen, dass Sie nicht teilnehmen möchten, und erhalten dann keine Erinnerungen.
