"""Pages of the quantitative diagnostic (Chiffres clés, carte, comparaison, tableaux, filières)."""
