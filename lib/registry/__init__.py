"""The project registry (data/projects.csv): what it may refer to, its rules, reading and checking it."""
