"""Reports from zone representatives: validated, stored append-only, moderated, merged into the registry."""
