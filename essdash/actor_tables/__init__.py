"""The actor directory's read side: its tables (directory, relations, network) and its
workbook section. Below the workshop layer (models, labels and indicators only), so the
activity registry can list its section; the writes (sign-in with « Ma structure », merges,
relations) live in essdash.actors, above the workshop."""
