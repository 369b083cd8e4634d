"""The core: content model, validation, visibility and analysis. Knows nothing of MkDocs."""
