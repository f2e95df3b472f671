"""Novità: what changed in the registry since a release, for one zone or for all, with an Atom feed."""
import streamlit as st

from geo.territory import ZONE_IDS
from lib import loaders
from lib.analysis import releases as rel
from lib.safe_text import escape_markdown
from lib.views import changes as ch
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k

loaders.through_entrypoint()

st.title(lb.CHANGES_TITLE)
releases = loaders.load_releases()
if not releases:
    st.info(lb.NO_RELEASES)
    st.stop()
latest = releases[-1]
by_number = {r.number: r for r in releases}
query = st.query_params.to_dict()
st.session_state.setdefault(k.CHANGES_ZONE, p.parse_int(query, p.ZONE, ZONE_IDS))
since_choices = [0, *range(1, latest.number)]
url_since = p.parse_int(query, p.FROM_RELEASE, since_choices)
st.session_state.setdefault(k.CHANGES_FROM, latest.number - 1 if url_since is None else url_since)

pick_zone, pick_since = st.columns(2)
zone_id = pick_zone.selectbox("Zona omogenea", [None, *ZONE_IDS], key=k.CHANGES_ZONE,
                              format_func=lambda z: lb.CHANGES_ALL_ZONES if z is None else lb.zone_label(z))
since = pick_since.selectbox("Cambiamenti a partire da", since_choices, key=k.CHANGES_FROM,
                             format_func=lambda n: lb.CHANGES_SINCE_START if n == 0 else
                             lb.release_label(n, by_number[n].made_at))
wanted = {p.FROM_RELEASE.name: str(since), **({p.ZONE.name: str(zone_id)} if zone_id else {})}
if query != wanted:
    st.query_params.from_dict(wanted)

changes = loaders.release_changes(releases, since)
st.markdown(f"Ultima: **{lb.release_label(latest.number, latest.made_at)}**, «{escape_markdown(latest.note)}» "
            f"({escape_markdown(latest.made_by)}).")
shown = rel.in_zone(changes, zone_id) if zone_id else changes
if zone_id:
    st.info(ch.zone_sentence(zone_id, changes))
else:
    st.info(" ".join(ch.zone_sentence(z, changes) for z in ZONE_IDS if rel.in_zone(changes, z))
            or ch.tally_sentence(rel.tally(changes)).capitalize() + ".")
if shown:
    old = by_number[since].projects if since else {}
    st.dataframe(ch.changes_frame(shown, old, latest.projects), hide_index=True, column_config={
        lb.PROJECT_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.PROJECT_LINK_TEXT, width="small")})
else:
    st.caption(lb.CHANGES_NONE)

app_base = loaders.app_url().rstrip("/")  # read now: the feed is built later, when the button is pressed
st.download_button("Feed Atom " + (f"della {lb.zone_label(zone_id)}" if zone_id else "di tutte le zone"),
                   data=lambda: loaders.feed_bytes(zone_id, app_base), key=k.CHANGES_FEED,
                   file_name=f"psm-novita-{f'zona-{zone_id}' if zone_id else 'tutte'}.xml",
                   mime="application/atom+xml", on_click="ignore", help=lb.CHANGES_FEED_HELP)

st.header("Le release")
st.dataframe([{"Release": r.number, "Data": lb.release_label(r.number, r.made_at).split(" del ")[1],
               "Progetti": len(r.projects), "Nota": r.note, "Pubblicata da": r.made_by} for r in reversed(releases)],
             hide_index=True)
