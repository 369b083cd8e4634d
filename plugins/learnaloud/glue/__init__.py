"""The only modules that import MkDocs: thin event handlers that call the core."""
