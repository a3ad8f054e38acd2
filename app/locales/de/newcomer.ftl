welcome-title = Menschen, die Sie kennenlernen sollten
welcome-intro = Kolleginnen und Kollegen, die Ihnen helfen können, sich zurechtzufinden, und warum wir sie vorschlagen. Sagen Sie uns, wie es war: Das hilft auch den nächsten Neuen.
welcome-did-you-meet = Haben Sie { $name } getroffen?
welcome-met = Wir haben uns getroffen
welcome-not-yet = Noch nicht
welcome-not-useful = Nicht hilfreich
welcome-later = Später
welcome-answer-label = { $answer }: { $name }
welcome-status-met = Getroffen
welcome-status-not-useful = Nicht hilfreich
welcome-status-later = Später
welcome-status-suggested = Noch nicht

reason-team-goes-to = { $people } Personen in { $team } wenden sich an { $name }, wenn sie Hilfe brauchen.
reason-many-go-to = { $departments ->
        [0] { $people } Personen wenden sich an { $name }, wenn sie Hilfe brauchen.
        [1] { $people } Personen wenden sich an { $name }, wenn sie Hilfe brauchen.
       *[other] { $people } Personen aus { $departments } Abteilungen wenden sich an { $name }, wenn sie Hilfe brauchen.
    }
reason-same-team = { $name } ist in Ihrem Team, { $team }.
reason-same-department = { $name } arbeitet in Ihrer Abteilung, { $department }.
reason-joined-recently = Auch { $name } ist erst vor Kurzem dazugekommen.
reason-same-location = Auch { $name } arbeitet in { $location }.
reason-works-in = { $name } arbeitet in { $department }.

pulse-name = Kurzbefragung für neue Kolleginnen und Kollegen
pulse-introduction = Zwei kurze Fragen für alle, die vor Kurzem angefangen haben. Es dauert eine Minute und zeigt, wen Sie bisher kennengelernt haben, damit wir Ihnen weitere Menschen vorschlagen können, die Sie kennenlernen sollten.
pulse-went-to = An wen haben Sie sich seit Ihrem Start gewandt, wenn Sie Hilfe oder Informationen für Ihre Arbeit brauchten?
pulse-came-to-you = Wer ist mit der Bitte um Hilfe oder Informationen zu Ihnen gekommen?

welcome-refused-answer = Wählen Sie „Wir haben uns getroffen“, „Nicht hilfreich“ oder „Später“.
welcome-refused-not-yours = Diese Vorstellung gehört nicht zu Ihren.
welcome-open-from-link = Öffnen Sie diese Seite über den Link in Ihrer E-Mail mit den Vorstellungen.
