"""The registry as open data others can reuse: a Frictionless Data Package with DCAT-AP_IT metadata.

`python -m lib.opendata build OUT/` writes it; the *Dati e fonti* page offers the same package as a zip.
"""
