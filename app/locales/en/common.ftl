# What every page may say: waiting, and the faults that have no words of their own.

page-loading = Loading…
error-sign-in = Please sign in to continue.
error-forbidden = This is not yours to open or change.
error-internal = Something went wrong on the server. Please try again.
error-transport = The server could not be reached. Check your connection and try again.
refused-too-large = This request is larger than Knit takes ({ $kib } KiB).
refused-cross-site = This request came from another site and was refused.
database-unavailable = The database is unavailable. Please try again in a few minutes.
refused-form-too-large = The form is too large.
