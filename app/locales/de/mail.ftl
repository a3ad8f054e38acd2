mail-invitation-subject = { $organization }: { $survey }
mail-invitation-body =
    Hallo { $name },

    { $purpose }

    Es dauert etwa fünf Minuten: Sie nennen die Kolleginnen und Kollegen, an die Sie sich wenden. { $privacy }

    Sobald die Umfrage beendet und ausgewertet ist, zeigt Ihnen derselbe Link Ihr eigenes Netzwerk: wen Sie genannt haben, wie weit Ihre Verbindungen reichen, und einige Anregungen. Die Antworten anderer zeigt er nie.

    Ihr persönlicher Link (bitte nicht weiterleiten):
    { $link }

    Bis zum { $closes_on } können Sie zurückkommen und Ihre Antworten ändern.

    Vielen Dank,
    { $organization }
mail-reminder-subject = Erinnerung: { $survey } endet am { $closes_on }
mail-reminder-body =
    Hallo { $name },

    Vor ein paar Tagen haben wir Sie zur Teilnahme an { $survey } eingeladen. Ihre Antworten haben wir noch nicht erhalten, und jede Antwort macht das Bild genauer.

    Ihr persönlicher Link:
    { $link }

    Die Umfrage endet am { $closes_on }.

    Vielen Dank,
    { $organization }
mail-pulse-subject = { $organization }: Wie laufen Ihre ersten Wochen?
mail-pulse-body =
    Hallo { $name },

    { $purpose }

    Zwei Fragen: an wen Sie sich seit Ihrem Start um Hilfe gewandt haben, und wer zu Ihnen gekommen ist. { $privacy }

    Ihr persönlicher Link (bitte nicht weiterleiten):
    { $link }

    Bis zum { $closes_on } können Sie Ihre Antworten ändern.

    Vielen Dank,
    { $organization }
mail-introductions-subject = { $organization }: Menschen, die Sie kennenlernen sollten
mail-introductions-body =
    Hallo { $name },

    Willkommen bei { $organization }. Kolleginnen und Kollegen, die sich auskennen, sparen Ihnen Wochen. Hier sind einige Menschen, die Sie kennenlernen sollten, und warum:

    { $introductions }

    Ihre Seite, auf der Sie sagen können, wen Sie getroffen haben (bitte nicht weiterleiten):
    { $link }

    Vielen Dank,
    { $organization }
mail-manager-copy-subject = { $organization }: Menschen, die { $name } kennenlernen sollte
mail-manager-copy-body =
    Hallo,

    { $name } ist vor Kurzem in Ihr Team gekommen. Diese Kolleginnen und Kollegen wurden { $name } zum Kennenlernen vorgeschlagen, und zwar aus diesen Gründen:

    { $introductions }

    Ein Wort von Ihnen an jede dieser Personen erleichtert das Kennenlernen. Die ersten Monate von { $name } können Sie in Knit verfolgen (mit Ihrem Konto anmelden):
    { $link }

    Vielen Dank,
    { $organization }
mail-heads-up-subject = { $organization }: { $newcomer } meldet sich vielleicht bei Ihnen
mail-heads-up-body =
    Hallo { $name },

    { $newcomer } ist vor Kurzem zu { $organization } gekommen, und Sie wurden als Ansprechperson vorgeschlagen. { $newcomer } meldet sich vielleicht bei Ihnen: Ein paar Minuten Ihrer Zeit helfen einer neuen Person, sich zurechtzufinden.

    Wenn Sie zu oft gefragt werden, bittet Knit mit einem Klick darum, Sie seltener vorzuschlagen (ohne Anmeldung):
    { $link }

    Vielen Dank,
    { $organization }
mail-did-you-meet-subject = { $organization }: Haben Sie sich getroffen?
mail-did-you-meet-body =
    Hallo { $name },

    Vor ein paar Wochen haben wir Ihnen einige Kolleginnen und Kollegen zum Kennenlernen vorgeschlagen. Haben Sie sie getroffen? Ein Klick auf jeden Link sagt es uns und hilft auch den nächsten Neuen:

    { $introductions }

    Ihre Seite (bitte nicht weiterleiten):
    { $link }

    Vielen Dank,
    { $organization }
mail-account-welcome-subject = { $organization }: Ihr Knit-Konto
mail-account-welcome-body =
    Hallo { $name },

    Für Sie wurde ein Konto bei Knit angelegt, wo { $organization } darstellt, wie Menschen zusammenarbeiten. Legen Sie Ihr Passwort mit diesem Link fest; er funktioniert einmal, in den nächsten 7 Tagen:
    { $link }

    Melden Sie sich dann mit dieser E-Mail-Adresse und diesem Passwort an.

    { $organization }
mail-password-reset-subject = { $organization }: ein neues Passwort für Knit festlegen
mail-password-reset-body =
    Hallo { $name },

    Jemand hat einen Link angefordert, um ein neues Passwort für Ihr Knit-Konto festzulegen. Er funktioniert einmal, in den nächsten 30 Minuten:
    { $link }

    Wenn Sie es nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.

    { $organization }
mail-open-link = Umfrage öffnen

# The example survey of a preview.
mail-example-survey = Wer hilft wem, Frühjahr
