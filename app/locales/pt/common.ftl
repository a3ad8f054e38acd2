# O que qualquer página pode dizer: a espera e os erros sem palavras próprias.

page-loading = A carregar…
error-sign-in = Inicie sessão para continuar.
error-forbidden = Não pode abrir nem alterar isto.
error-internal = Algo correu mal no servidor. Tente novamente.
error-transport = Não foi possível contactar o servidor. Verifique a ligação e tente novamente.
refused-too-large = Este pedido é maior do que o Knit aceita ({ $kib } KiB).
refused-cross-site = Este pedido veio de outro site e foi recusado.
database-unavailable = A base de dados não está disponível. Tente novamente dentro de alguns minutos.
refused-form-too-large = O formulário é demasiado grande.
