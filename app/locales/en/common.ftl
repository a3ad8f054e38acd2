# What every page may say: waiting, and the faults that have no words of their own.

page-loading = Loading…
error-sign-in = Please sign in to continue.
error-forbidden = This is not yours to open or change.
error-internal = Something went wrong on the server. Please try again.
error-transport = The server could not be reached. Check your connection and try again.
