retention-months = { $count } mois
retention-days = { $count ->
        [one] { $count } jour
       *[other] { $count } jours
    }
privacy-email-promise = Seule l’équipe d’analyse RH voit qui a nommé qui ; tous les autres voient des résultats pour des groupes d’au moins { $k } personnes. Les réponses sont supprimées { $kept } après la clôture de l’enquête.
privacy-analysts-only = Seule l’équipe d’analyse RH (les analystes et administrateurs de Knit) voit qui a nommé qui, et chaque fois que l’un d’eux ouvre des résultats individuels, c’est consigné dans un journal d’audit.
privacy-others-see-groups = Les managers, les nouvelles recrues et les collègues ne voient jamais les réponses ni les notes de personne. Ils ne voient des chiffres que s’ils proviennent d’au moins { $k } personnes, et jamais deux chiffres dont la différence décrirait un groupe plus petit.
privacy-named-by-others = Vos collègues peuvent aussi vous nommer. Ce qu’ils ont dit de vous est traité de la même façon : seule l’équipe d’analyse le voit, et on ne peut dire à une nouvelle recrue, par exemple, que « des personnes de 4 services viennent vous demander de l’aide » que si au moins { $k } personnes l’ont fait.
privacy-deleted-after = Les réponses sont supprimées { $kept } après la clôture de l’enquête. Vous pouvez demander aux RH une copie de tout ce que Knit conserve à votre sujet, ou son effacement.
privacy-voluntary = Participer est votre choix : vous pouvez indiquer que vous préférez ne pas le faire, et vous ne recevrez aucune relance.
