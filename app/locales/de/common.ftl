# Was jede Seite sagen kann: Warten, und Fehler ohne eigene Worte.

page-loading = Wird geladen …
error-sign-in = Bitte melden Sie sich an, um fortzufahren.
error-forbidden = Dies dürfen Sie nicht öffnen oder ändern.
error-internal = Auf dem Server ist etwas schiefgegangen. Bitte versuchen Sie es erneut.
error-transport = Der Server war nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
refused-too-large = Diese Anfrage ist größer, als Knit annimmt ({ $kib } KiB).
refused-cross-site = Diese Anfrage kam von einer anderen Website und wurde abgelehnt.
database-unavailable = Die Datenbank ist nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.
refused-form-too-large = Das Formular ist zu groß.
