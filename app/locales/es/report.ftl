report-not-yet = Tu informe aún no está listo. Aparecerá en tu enlace personal cuando la encuesta haya cerrado y se haya analizado.
report-eyebrow = { $survey } · cerrada el { $date }
report-title = Tu red
report-hello = Hola, { $name }. Esta página te devuelve lo que nos contaste en { $survey }: tu propia red, y cómo se compara con la de todas las personas que respondieron.
report-only-you = Solo tú puedes abrir esta página, desde tu enlace personal. Muestra a quién nombraste; de las respuestas de los demás solo muestra cifras, nunca quién, y una cifra de menos de { $k } personas solo como «menos de { $k }». Se borra con las respuestas, { $kept } después del cierre de la encuesta.
report-map-label = Tu red: tú en el centro y, a tu alrededor, { $count ->
        [one] la persona
       *[other] las { $count } personas
    } que nombraste, coloreadas por departamento.
report-you = Tú
report-no-department = sin departamento
report-you-named = { $count ->
        [0] No nombraste a nadie en esta pregunta.
        [one] Nombraste a una persona:
       *[other] Nombraste a { $count } personas:
    }
report-named-by-exactly = { $count } compañeros te nombraron en esta pregunta.
report-named-by-fewer = Menos de { $k } compañeros te nombraron en esta pregunta. Las cifras más pequeñas no se muestran a nadie, tampoco a ti.
report-reach-title = Hasta dónde llega tu red
report-reach-colleagues = Compañeros que nombraste: { $count }
report-reach-departments = Departamentos en los que trabajan: { $count } de { $total }
report-reach-organization = Entre todas las personas que respondieron, la mitad nombró a compañeros de { $median } departamentos o más; una cuarta parte de { $lower } o menos, y otra cuarta parte de { $upper } o más.
report-reach-too-few = Respondieron menos de { $k } personas: demasiado pocas para comparar.
report-suggestions-title = Vale la pena probar
report-bridge = Tiende puentes con { $department }. Los compañeros que nombraste trabajan en { $reached ->
        [one] un departamento
       *[other] { $reached } departamentos
    }; la mitad de la gente aquí llega a { $median } o más. Alguien de { $department } podría contarte pronto lo que ahora te llega tarde.
report-lighten = Reparte la carga. { $count } compañeros te nombraron, más que a tres de cada cuatro personas aquí (a ellas las nombraron { $upper } personas o menos). Poner por escrito lo que te preguntan a menudo, o remitir a otra persona que lo sepa, libera tu tiempo y el suyo.
report-widen = Amplía tu círculo. Nombraste a { $count ->
        [one] una persona
       *[other] { $count } personas
    }; la mitad de la gente aquí nombró a { $median } o más. Piensa a quién podrías preguntar la próxima vez que te atasques, y conócelo antes.
report-keep = Cuida estos vínculos. Los compañeros que nombraste trabajan en { $departments ->
        [one] un departamento
       *[other] { $departments } departamentos
    }, tantos como la mayoría aquí (la mitad llega a { $median } o más). Por los vínculos entre grupos viajan las noticias y la ayuda.
