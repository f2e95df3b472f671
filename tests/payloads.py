"""Hostile and clumsy texts that every rendering path must show literally (house style, rule 19).

Each one is a legitimate string for a title, a promoter or a search: braces, hashes and angle brackets
must reach the screen exactly as typed, never as template syntax, markup or script.
"""
from __future__ import annotations

JINJA_EXPRESSION = "Lotto {{7*7}} ciclabile"
JINJA_COMMENT = "Lotto {#2 ciclabile"
JINJA_STATEMENT = "Piano {% if true %}sì{% endif %}"
# What a crafted title used to run on the server (the review's proof of concept); must stay inert text.
JINJA_SSTI = "{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}"
SCRIPT = "<script>window.psmPwned = 1</script>"
ATTRIBUTE = "\"><img src=x onerror=\"window.psmPwned = 2\">"
MARKDOWN = "**grassetto** [link](javascript:alert(1)) :red[rosso]"

ALL = (JINJA_EXPRESSION, JINJA_COMMENT, JINJA_STATEMENT, JINJA_SSTI, SCRIPT, ATTRIBUTE, MARKDOWN)
# What a successful evaluation of the payloads above would leave in a page.
EVALUATED = ("Lotto 49 ciclabile", "PWNED\n", "Piano sì")
