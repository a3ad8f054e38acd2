report-not-yet = Ihr Bericht ist noch nicht fertig. Er erscheint unter Ihrem persönlichen Link, sobald die Umfrage beendet und ausgewertet ist.
report-eyebrow = { $survey } · beendet am { $date }
report-title = Ihr Netzwerk
report-hello = Hallo { $name }. Diese Seite gibt Ihnen zurück, was Sie uns in { $survey } gesagt haben: Ihr eigenes Netzwerk, und wie es sich mit allen vergleicht, die geantwortet haben.
report-only-you = Nur Sie können diese Seite öffnen, über Ihren persönlichen Link. Sie zeigt, wen Sie genannt haben; aus den Antworten anderer zeigt sie nur Anzahlen, nie wer, und eine Anzahl von weniger als { $k } Personen nur als „weniger als { $k }“. Sie wird mit den Antworten gelöscht, { $kept } nach dem Ende der Umfrage.
report-map-label = Ihr Netzwerk: Sie in der Mitte, und um Sie herum { $count ->
        [one] die Person
       *[other] die { $count } Personen
    }, die Sie genannt haben, nach Abteilung eingefärbt.
report-you = Sie
report-no-department = keine Abteilung
report-you-named = { $count ->
        [0] Sie haben bei dieser Frage niemanden genannt.
        [one] Sie haben eine Person genannt:
       *[other] Sie haben { $count } Personen genannt:
    }
report-named-by-exactly = { $count } Kolleginnen und Kollegen haben Sie bei dieser Frage genannt.
report-named-by-fewer = Weniger als { $k } Kolleginnen und Kollegen haben Sie bei dieser Frage genannt. Kleinere Anzahlen werden niemandem gezeigt, auch Ihnen nicht.
report-reach-title = Wie weit Ihr Netzwerk reicht
report-reach-colleagues = Genannte Kolleginnen und Kollegen: { $count }
report-reach-departments = Abteilungen, in denen sie arbeiten: { $count } von { $total }
report-reach-organization = Unter allen, die geantwortet haben, nannte die Hälfte Personen aus { $median } Abteilungen oder mehr; ein Viertel aus { $lower } oder weniger, ein Viertel aus { $upper } oder mehr.
report-reach-too-few = Weniger als { $k } Personen haben geantwortet: zu wenige für einen Vergleich.
report-suggestions-title = Einen Versuch wert
report-bridge = Knüpfen Sie Kontakte in { $department }. Die Personen, die Sie genannt haben, arbeiten in { $reached ->
        [one] einer Abteilung
       *[other] { $reached } Abteilungen
    }; die Hälfte der Menschen hier erreicht { $median } oder mehr. Jemand in { $department } könnte Ihnen früh sagen, was Sie jetzt spät erfahren.
report-lighten = Verteilen Sie die Last. { $count } Kolleginnen und Kollegen haben Sie genannt, mehr als bei drei von vier Menschen hier (sie wurden von { $upper } oder weniger genannt). Wenn Sie aufschreiben, was man Sie oft fragt, oder an jemand anderen verweisen, der es weiß, gewinnen Sie und die anderen Zeit.
report-widen = Erweitern Sie Ihren Kreis. Sie haben { $count ->
        [one] eine Person
       *[other] { $count } Personen
    } genannt; die Hälfte der Menschen hier nannte { $median } oder mehr. Überlegen Sie, wen Sie fragen könnten, wenn Sie das nächste Mal nicht weiterkommen, und lernen Sie diese Person vorher kennen.
report-keep = Pflegen Sie diese Verbindungen. Die Personen, die Sie genannt haben, arbeiten in { $departments ->
        [one] einer Abteilung
       *[other] { $departments } Abteilungen
    }, so vielen wie bei den meisten hier (die Hälfte erreicht { $median } oder mehr). Über Verbindungen zwischen Gruppen verbreiten sich Neuigkeiten und Hilfe.
