"""Evidence: what is never evidence (:mod:`.boilerplate`) and how strong evidence is (:mod:`.strength`)."""
