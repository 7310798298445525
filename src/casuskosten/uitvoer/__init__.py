"""Uitvoer: het documentmodel, HTML, PDF, grafieken, terminal, export en het veilig wegschrijven van bestanden."""
