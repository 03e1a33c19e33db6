"""Workshop activities (signin, mapping, worldcafe, voting): one folder each, same shape."""
