# A página de quem responde a um inquérito.

respond-open-until = Aberto até { $date }
respond-hello = Olá, { $name }.
respond-closed = Este inquérito terminou. Obrigado pelo seu interesse; já não é possível dar nem alterar respostas.
respond-submitted = Obrigado: as suas respostas foram enviadas. Pode voltar e alterá-las até o inquérito terminar.
respond-saved = Guardado.
respond-declined-noted = Registado: prefere não participar. Não receberá lembretes, e nada do que tinha guardado é mantido.
respond-save = Guardar
respond-about-you = Sobre si
respond-submit = Enviar
respond-submit-changes = Enviar alterações
respond-save-later = Guardar e terminar mais tarde
respond-decline = Prefiro não participar…
respond-decline-explained = Tudo o que guardou é apagado, e não recebe lembretes. Pode voltar a participar até o inquérito terminar.
respond-decline-confirm = Sim, prefiro não participar
respond-more-intro = Mais sobre este inquérito
respond-who-sees-what = Quem vê o quê, e durante quanto tempo
respond-declined = Disse que prefere não participar neste inquérito. Não receberá lembretes sobre ele.
respond-take-part = Afinal, quero participar
respond-suggested-less = Pediu para ser sugerido com menos frequência: o Knit sugere-o, no máximo, a uma pessoa recém-chegada por trimestre.
respond-suggested = Nos últimos três meses, o Knit sugeriu-o a { $count ->
        [one] uma pessoa recém-chegada
       *[other] { $count } pessoas recém-chegadas
    } como alguém que vale a pena conhecer. Obrigado por as ajudar a encontrar o seu caminho.
respond-suggest-as-usual = Sugerir-me como habitualmente
respond-suggest-less = Sugerir-me menos vezes
respond-remove = Retirar
respond-remove-person = Retirar { $name }
respond-no-match-query = Ninguém corresponde a «{ $query }». Escreva pelo menos duas letras de um nome, equipa ou cargo.
respond-matching = Colegas correspondentes
respond-find-colleague = Procurar um colega: { $question }
respond-language = Língua
respond-language-change = Mudar de língua
respond-choose = Escolha…
respond-strongly-disagree = Discordo totalmente
respond-disagree = Discordo
respond-neither = Nem concordo nem discordo
respond-agree = Concordo
respond-strongly-agree = Concordo totalmente
respond-answer-saved = Guardado
respond-answer-not-saved = Não guardado: use Guardar mais abaixo

picker-added-now = Acabados de acrescentar
picker-placeholder = Nome, equipa ou cargo
picker-find = Procurar
picker-no-match = Ninguém corresponde. Experimente parte de um nome, equipa ou cargo.
picker-results = Colegas que correspondem à sua pesquisa ({ $question })
picker-found = { $count ->
        [0] Ninguém corresponde.
        [one] Foi encontrada uma pessoa.
       *[other] Foram encontradas { $count } pessoas.
    }
picker-added = { $name } acrescentado.
picker-not-added = { $name } não foi acrescentado: { $reason }
picker-taken-off = { $name } retirado.

respond-open-from-link = Abra o inquérito a partir da ligação pessoal do seu convite.

# Porque é que as respostas não foram guardadas.
respond-refused-too-many = Indicou { $named } colegas; um formulário aceita no máximo { $most }. Retire alguns e guarde novamente.
respond-refused-not-in-survey = Um colega que indicou não está entre as pessoas sobre quem este inquérito pergunta. Retire-o e tente novamente.
respond-refused-question-not-asked = Uma resposta é para uma pergunta que este inquérito não faz. Recarregue a página.
respond-refused-named-self = Não pode indicar-se a si próprio.
respond-refused-named-twice = O mesmo colega está indicado duas vezes numa pergunta.
respond-refused-scale-value = { $scale }: escolha um valor da lista.
respond-refused-rating-not-asked = Uma resposta tem uma avaliação que esta pergunta não pede. Recarregue a página.
respond-refused-not-a-choice = { $question }: esta resposta não é uma das opções (ou é demasiado longa).
respond-refused-rate-unnamed = Adicione primeiro este colega e depois avalie-o.
respond-refused-closed = Este inquérito está fechado; as respostas já não podem ser alteradas.
respond-refused-language = Escolha uma das línguas indicadas.
