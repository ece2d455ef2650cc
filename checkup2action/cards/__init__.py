"""Patient-oriented Action Cards from a structured report, and the checks every card passes."""
