# Ce que toute page peut dire : l’attente, et les erreurs sans mots à elles.

page-loading = Chargement…
error-sign-in = Veuillez vous connecter pour continuer.
error-forbidden = Vous ne pouvez pas ouvrir ni modifier ceci.
error-internal = Une erreur s’est produite sur le serveur. Veuillez réessayer.
error-transport = Le serveur est injoignable. Vérifiez votre connexion et réessayez.
refused-too-large = Cette requête dépasse ce que Knit accepte ({ $kib } Kio).
refused-cross-site = Cette requête venait d’un autre site et a été refusée.
database-unavailable = La base de données est indisponible. Veuillez réessayer dans quelques minutes.
refused-form-too-large = Le formulaire est trop volumineux.
