mail-invitation-subject = { $organization } : { $survey }
mail-invitation-body =
    Bonjour { $name },

    { $purpose }

    Cela prend environ cinq minutes : vous nommez les collègues vers qui vous vous tournez. { $privacy }

    Une fois l’enquête close et analysée, le même lien vous montre votre propre réseau : qui vous avez nommé, jusqu’où vont vos liens, et quelques suggestions. Il ne montre jamais les réponses des autres.

    Votre lien personnel (merci de ne pas le transférer) :
    { $link }

    Vous pouvez revenir modifier vos réponses jusqu’au { $closes_on }.

    Merci,
    { $organization }
mail-reminder-subject = Rappel : { $survey } se termine le { $closes_on }
mail-reminder-body =
    Bonjour { $name },

    Il y a quelques jours, nous vous avons invité à participer à { $survey }. Nous n’avons pas encore reçu vos réponses, et chaque réponse rend l’image plus juste.

    Votre lien personnel :
    { $link }

    L’enquête se termine le { $closes_on }.

    Merci,
    { $organization }
mail-pulse-subject = { $organization } : comment se passent vos premières semaines ?
mail-pulse-body =
    Bonjour { $name },

    { $purpose }

    Deux questions : vers qui vous vous êtes tourné pour de l’aide depuis votre arrivée, et qui est venu vers vous. { $privacy }

    Votre lien personnel (merci de ne pas le transférer) :
    { $link }

    Vous pouvez modifier vos réponses jusqu’au { $closes_on }.

    Merci,
    { $organization }
mail-introductions-subject = { $organization } : des personnes à rencontrer
mail-introductions-body =
    Bonjour { $name },

    Bienvenue chez { $organization }. Des collègues qui connaissent la maison peuvent vous faire gagner des semaines ; voici quelques personnes à rencontrer, et pourquoi :

    { $introductions }

    Votre page, où vous pouvez dire qui vous avez rencontré (merci de ne pas la transférer) :
    { $link }

    Merci,
    { $organization }
mail-manager-copy-subject = { $organization } : des personnes que { $name } devrait rencontrer
mail-manager-copy-body =
    Bonjour,

    { $name } a rejoint votre équipe récemment. Ces collègues ont été proposés à { $name } comme personnes à rencontrer, et voici pourquoi :

    { $introductions }

    Un mot de votre part à chacun facilite la mise en relation. Vous pouvez suivre les premiers mois de { $name } dans Knit (connectez-vous avec votre compte) :
    { $link }

    Merci,
    { $organization }
mail-heads-up-subject = { $organization } : { $newcomer } pourrait vous contacter
mail-heads-up-body =
    Bonjour { $name },

    { $newcomer } a rejoint { $organization } récemment, et vous avez été proposé comme personne à rencontrer. { $newcomer } pourrait vous contacter : quelques minutes de votre temps aident une nouvelle recrue à trouver ses repères.

    Si l’on vous sollicite trop souvent, un clic demande à Knit de vous proposer moins souvent (sans connexion) :
    { $link }

    Merci,
    { $organization }
mail-did-you-meet-subject = { $organization } : les avez-vous rencontrés ?
mail-did-you-meet-body =
    Bonjour { $name },

    Il y a quelques semaines, nous vous avons proposé quelques collègues à rencontrer. Les avez-vous rencontrés ? Un clic sur chaque lien nous le dit, et aide aussi les prochaines recrues :

    { $introductions }

    Votre page (merci de ne pas la transférer) :
    { $link }

    Merci,
    { $organization }
mail-account-welcome-subject = { $organization } : votre compte Knit
mail-account-welcome-body =
    Bonjour { $name },

    Un compte a été créé pour vous sur Knit, où { $organization } cartographie la façon dont les gens travaillent ensemble. Choisissez votre mot de passe avec ce lien ; il fonctionne une fois, pendant les 7 prochains jours :
    { $link }

    Connectez-vous ensuite avec cette adresse e-mail et ce mot de passe.

    { $organization }
mail-password-reset-subject = { $organization } : choisir un nouveau mot de passe pour Knit
mail-password-reset-body =
    Bonjour { $name },

    Quelqu’un a demandé un lien pour choisir un nouveau mot de passe pour votre compte Knit. Il fonctionne une fois, pendant les 30 prochaines minutes :
    { $link }

    Si ce n’était pas vous, ignorez ce message : votre mot de passe reste inchangé.

    { $organization }
mail-open-link = Ouvrir l’enquête

# The example survey of a preview.
mail-example-survey = Qui aide qui, printemps
