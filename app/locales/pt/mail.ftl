mail-invitation-subject = { $organization }: { $survey }
mail-invitation-body =
    Olá, { $name },

    { $purpose }

    Demora cerca de cinco minutos: indica os colegas a quem recorre. { $privacy }

    Quando o inquérito terminar e for analisado, a mesma ligação mostra-lhe a sua própria rede: quem nomeou, até onde chegam as suas ligações, e algumas sugestões. Nunca mostra as respostas de outras pessoas.

    A sua ligação pessoal (por favor, não a reencaminhe):
    { $link }

    Pode voltar e alterar as suas respostas até { $closes_on }.

    Obrigado,
    { $organization }
mail-reminder-subject = Lembrete: { $survey } termina a { $closes_on }
mail-reminder-body =
    Olá, { $name },

    Há alguns dias convidámo-lo a participar em { $survey }. Ainda não recebemos as suas respostas, e cada resposta torna a imagem mais exata.

    A sua ligação pessoal:
    { $link }

    O inquérito termina a { $closes_on }.

    Obrigado,
    { $organization }
mail-pulse-subject = { $organization }: como estão a correr as suas primeiras semanas?
mail-pulse-body =
    Olá, { $name },

    { $purpose }

    Duas perguntas: a quem recorreu para pedir ajuda desde que chegou, e quem recorreu a si. { $privacy }

    A sua ligação pessoal (por favor, não a reencaminhe):
    { $link }

    Pode alterar as suas respostas até { $closes_on }.

    Obrigado,
    { $organization }
mail-introductions-subject = { $organization }: pessoas que vale a pena conhecer
mail-introductions-body =
    Olá, { $name },

    Boas-vindas! Colegas que conhecem bem { $organization } podem poupar-lhe semanas, por isso aqui ficam algumas pessoas que vale a pena conhecer, e porquê:

    { $introductions }

    A sua página, onde pode dizer quem conheceu (por favor, não a reencaminhe):
    { $link }

    Obrigado,
    { $organization }
mail-manager-copy-subject = { $organization }: pessoas que { $name } deveria conhecer
mail-manager-copy-body =
    Olá,

    { $name } juntou-se recentemente à sua equipa. Estes colegas foram sugeridos a { $name } como pessoas que vale a pena conhecer, e porquê:

    { $introductions }

    Uma palavra sua a cada um deles facilita a apresentação. Pode acompanhar os primeiros meses de { $name } no Knit (inicie sessão com a sua conta):
    { $link }

    Obrigado,
    { $organization }
mail-heads-up-subject = { $organization }: { $newcomer } pode contactá-lo
mail-heads-up-body =
    Olá, { $name },

    { $newcomer } começou a trabalhar connosco recentemente, e foi sugerido como alguém que vale a pena conhecer. { $newcomer } pode contactá-lo: alguns minutos do seu tempo ajudam uma pessoa recém-chegada a encontrar o seu caminho.

    Se lhe pedirem demasiadas vezes, um clique pede ao Knit que o sugira menos vezes (sem iniciar sessão):
    { $link }

    Obrigado,
    { $organization }
mail-did-you-meet-subject = { $organization }: conheceu-os?
mail-did-you-meet-body =
    Olá, { $name },

    Há algumas semanas sugerimos alguns colegas que vale a pena conhecer. Conheceu-os? Um clique em cada ligação diz-nos, e ajuda também as próximas pessoas a chegar:

    { $introductions }

    A sua página (por favor, não a reencaminhe):
    { $link }

    Obrigado,
    { $organization }
mail-account-welcome-subject = { $organization }: a sua conta no Knit
mail-account-welcome-body =
    Olá, { $name },

    Foi criada para si uma conta no Knit, onde se vê como as pessoas de { $organization } trabalham em conjunto. Defina a sua palavra-passe com esta ligação; funciona uma vez, durante os próximos 7 dias:
    { $link }

    Depois, inicie sessão com este endereço de e-mail e essa palavra-passe.

    { $organization }
mail-password-reset-subject = { $organization }: definir uma nova palavra-passe para o Knit
mail-password-reset-body =
    Olá, { $name },

    Alguém pediu uma ligação para definir uma nova palavra-passe para a sua conta no Knit. Funciona uma vez, durante os próximos 30 minutos:
    { $link }

    Se não foi o próprio, ignore esta mensagem: a sua palavra-passe fica como está.

    { $organization }
mail-open-link = Abrir o inquérito

# The example survey of a preview.
mail-example-survey = Quem ajuda quem, primavera
