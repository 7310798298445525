"""Lezen en valideren: YAML, het casusformaat, tarieven, prijsindex, instellingen, tijd, privacy, schema."""
