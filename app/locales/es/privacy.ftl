retention-months = { $count ->
        [one] un mes
       *[other] { $count } meses
    }
retention-days = { $count ->
        [one] un día
       *[other] { $count } días
    }
privacy-email-promise = Solo el equipo de análisis de personas ve quién nombró a quién; todos los demás ven resultados de grupos de al menos { $k } personas. Las respuestas se borran { $kept } después del cierre de la encuesta.
privacy-analysts-only = Solo el equipo de análisis de personas (las analistas, los analistas y los administradores de Knit) ve quién nombró a quién, y cada vez que alguien del equipo abre resultados individuales queda registrado en un registro de auditoría.
privacy-others-see-groups = Las jefaturas, las personas recién incorporadas y los compañeros nunca ven las respuestas ni las valoraciones de nadie. Solo ven cifras que provienen de al menos { $k } personas, y nunca dos cifras cuya diferencia describiría a un grupo más pequeño.
privacy-named-by-others = Tus compañeros también pueden nombrarte. Lo que digan de ti se trata igual: solo el equipo de análisis lo ve, y a una persona recién incorporada solo se le puede decir, por ejemplo, que «personas de 4 departamentos acuden a ti en busca de ayuda» si lo hicieron al menos { $k } personas.
privacy-deleted-after = Las respuestas se borran { $kept } después del cierre de la encuesta. Puedes pedir a RR. HH. una copia de todo lo que Knit guarda sobre ti, o que lo borre.
privacy-voluntary = Participar es decisión tuya: puedes decir que prefieres no hacerlo y no recibirás recordatorios.
