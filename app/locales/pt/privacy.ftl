retention-months = { $count ->
        [one] um mês
       *[other] { $count } meses
    }
retention-days = { $count ->
        [one] um dia
       *[other] { $count } dias
    }
privacy-email-promise = Só a equipa de análise de pessoas vê quem nomeou quem; todos os outros veem resultados de grupos de pelo menos { $k } pessoas. As respostas são apagadas { $kept } depois de o inquérito terminar.
privacy-analysts-only = Só a equipa de análise de pessoas (os analistas e administradores do Knit) vê quem nomeou quem, e cada vez que um deles abre resultados individuais isso fica registado num registo de auditoria.
privacy-others-see-groups = As chefias, as pessoas recém-chegadas e os colegas nunca veem as respostas nem as avaliações de ninguém. Só veem números que vêm de pelo menos { $k } pessoas, e nunca dois números cuja diferença descreveria um grupo mais pequeno.
privacy-named-by-others = Os colegas também o podem nomear. O que disseram sobre si é tratado da mesma forma: só a equipa de análise o vê, e a uma pessoa recém-chegada só se pode dizer, por exemplo, que «pessoas de 4 departamentos procuram-no para pedir ajuda» se pelo menos { $k } pessoas o fizeram.
privacy-deleted-after = As respostas são apagadas { $kept } depois de o inquérito terminar. Pode pedir aos RH uma cópia de tudo o que o Knit guarda sobre si, ou que o apaguem.
privacy-voluntary = Participar é uma escolha sua: pode dizer que prefere não o fazer, e não receberá lembretes.
