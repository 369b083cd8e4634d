"""One loader per kind of content file, each reading through the one `Reader`; `load.load_content`
calls them in the order the tree is read."""
