# Was jede Seite sagen kann: Warten, und Fehler ohne eigene Worte.

page-loading = Wird geladen …
error-sign-in = Bitte melden Sie sich an, um fortzufahren.
error-forbidden = Dies dürfen Sie nicht öffnen oder ändern.
error-internal = Auf dem Server ist etwas schiefgegangen. Bitte versuchen Sie es erneut.
error-transport = Der Server war nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
