"""The co-planning day, live: events and their tables (model, tables), the store every process shares
(store), the regia's and the plenary's synthesis (synthesis), and the printable codes and minutes (documents).
"""
