report-not-yet = O seu relatório ainda não está pronto. Aparece na sua ligação pessoal quando o inquérito terminar e for analisado.
report-eyebrow = { $survey } · terminado a { $date }
report-title = A sua rede
report-hello = Olá, { $name }. Esta página devolve-lhe o que nos disse em { $survey }: a sua própria rede, e como se compara com a de todas as pessoas que responderam.
report-only-you = Só o próprio pode abrir esta página, a partir da sua ligação pessoal. Mostra quem nomeou; das respostas dos outros mostra apenas números, nunca quem, e um número de menos de { $k } pessoas apenas como «menos de { $k }». É apagada com as respostas, { $kept } depois de o inquérito terminar.
report-map-label = A sua rede: o próprio ao centro e, à volta, { $count ->
        [one] a pessoa
       *[other] as { $count } pessoas
    } que nomeou, coloridas por departamento.
report-you = Você
report-no-department = sem departamento
report-you-named = { $count ->
        [0] Não nomeou ninguém nesta pergunta.
        [one] Nomeou uma pessoa:
       *[other] Nomeou { $count } pessoas:
    }
report-named-by-exactly = { $count } colegas nomearam-no nesta pergunta.
report-named-by-fewer = Menos de { $k } colegas nomearam-no nesta pergunta. Números mais pequenos não são mostrados a ninguém, nem ao próprio.
report-reach-title = Até onde chega a sua rede
report-reach-colleagues = Colegas que nomeou: { $count }
report-reach-departments = Departamentos onde trabalham: { $count } de { $total }
report-reach-organization = Entre todas as pessoas que responderam, metade nomeou colegas de { $median } departamentos ou mais; um quarto de { $lower } ou menos, e um quarto de { $upper } ou mais.
report-reach-too-few = Responderam menos de { $k } pessoas: demasiado poucas para comparar.
report-suggestions-title = Vale a pena experimentar
report-bridge = Crie ligações com { $department }. Os colegas que nomeou trabalham em { $reached ->
        [one] um departamento
       *[other] { $reached } departamentos
    }; metade das pessoas aqui chega a { $median } ou mais. Alguém de { $department } poderia contar-lhe cedo o que agora lhe chega tarde.
report-lighten = Reparta a carga. { $count } colegas nomearam-no, mais do que a três em cada quatro pessoas aqui (essas foram nomeadas por { $upper } pessoas ou menos). Escrever o que lhe perguntam muitas vezes, ou indicar outra pessoa que saiba, liberta o seu tempo e o dos outros.
report-widen = Alargue o seu círculo. Nomeou { $count ->
        [one] uma pessoa
       *[other] { $count } pessoas
    }; metade das pessoas aqui nomeou { $median } ou mais. Pense em quem poderia perguntar da próxima vez que ficar sem saída, e conheça essa pessoa antes disso.
report-keep = Mantenha estas ligações vivas. Os colegas que nomeou trabalham em { $departments ->
        [one] um departamento
       *[other] { $departments } departamentos
    }, tantos como a maioria aqui (metade chega a { $median } ou mais). É pelas ligações entre grupos que circulam as notícias e a ajuda.
