# Lo que cualquier página puede decir: la espera y los errores sin palabras propias.

page-loading = Cargando…
error-sign-in = Inicia sesión para continuar.
error-forbidden = No puedes abrir ni cambiar esto.
error-internal = Algo ha fallado en el servidor. Vuelve a intentarlo.
error-transport = No se pudo conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.
refused-too-large = Esta solicitud es más grande de lo que Knit acepta ({ $kib } KiB).
refused-cross-site = Esta solicitud venía de otro sitio y se ha rechazado.
database-unavailable = La base de datos no está disponible. Vuelve a intentarlo dentro de unos minutos.
refused-form-too-large = El formulario es demasiado grande.
