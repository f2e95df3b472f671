"""Coordinate reference systems used across the project."""

from __future__ import annotations

# WGS 84 / UTM 32N, the Regione Piemonte reference: all area, length and tolerance maths happens here.
METRIC_CRS = "EPSG:32632"

# WGS 84 lon/lat: what GeoJSON (RFC 7946) and web maps expect.
WEB_CRS = "EPSG:4326"
