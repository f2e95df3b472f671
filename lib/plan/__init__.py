"""The plan as data: editions, axes, strategies and judgements (catalogue), the needs for the next edition
(needs), and the staff command that imports a new edition's catalogue (importer)."""
