# O que qualquer página pode dizer: a espera e os erros sem palavras próprias.

page-loading = A carregar…
error-sign-in = Inicie sessão para continuar.
error-forbidden = Não pode abrir nem alterar isto.
error-internal = Algo correu mal no servidor. Tente novamente.
error-transport = Não foi possível contactar o servidor. Verifique a ligação e tente novamente.
