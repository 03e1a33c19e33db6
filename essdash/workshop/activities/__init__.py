"""Workshop activities (signin, mapping, worldcafe, voting): one folder each, declared by its
`manifest.py` and listed once in `registry.py` (read its docstring to add one)."""
