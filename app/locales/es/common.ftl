# Lo que cualquier página puede decir: la espera y los errores sin palabras propias.

page-loading = Cargando…
error-sign-in = Inicia sesión para continuar.
error-forbidden = No puedes abrir ni cambiar esto.
error-internal = Algo ha fallado en el servidor. Vuelve a intentarlo.
error-transport = No se pudo conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.
