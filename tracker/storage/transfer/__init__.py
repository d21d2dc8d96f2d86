"""What an import keeps in the diary: the staged rows, the foods brought in from another
app and where each imported entry came from."""
