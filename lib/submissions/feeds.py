"""The Atom feeds of the registry's releases as files, one per zone and one for all, rewritten after each release
by whichever process made it (write to a temporary file, then rename: a reader never sees half a feed).
`deploy/`'s nginx serves the folder at /feeds/ (FEEDS_PATH)."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlencode

from geo.territory import ZONE_IDS
from lib import config
from lib.analysis import releases as rel
from lib.atomic import write_atomically
from lib.submissions.releases import Release, list_releases
from lib.submissions.store import SubmissionStore
from lib.views import params as p
from lib.views.changes import atom_feed

FEEDS_PATH = "/feeds/"
# Links in a feed must be absolute: without PSM_PUBLIC_URL they say plainly that none was configured.
UNSET_URL = "https://example.invalid"
ALL_ZONES = "tutte"
_log = logging.getLogger(__name__)
CHANGES_PATH = "/changes"


def feed_name(zone_id: int | None) -> str:
    """'zona-6.xml', or 'tutte.xml' for every zone."""
    return f"zona-{zone_id}.xml" if zone_id else f"{ALL_ZONES}.xml"


def feeds(releases: list[Release], app_url: str) -> dict[str, bytes]:
    """Every feed by its file name; links point at the Novità page of `app_url` (no trailing slash)."""
    entries = [(r.number, r.made_at, r.note, rel.diff(releases[i - 1].projects if i else {}, r.projects))
               for i, r in enumerate(releases)]
    made = {}
    for zone_id in (None, *ZONE_IDS):
        zone = {p.ZONE.name: str(zone_id)} if zone_id else {}

        def release_url(number: int, zone: dict[str, str] = zone) -> str:
            return f"{app_url}{CHANGES_PATH}?{urlencode({**zone, p.FROM_RELEASE.name: str(number - 1)})}"

        page = f"{app_url}{CHANGES_PATH}" + (f"?{urlencode(zone)}" if zone else "")
        made[feed_name(zone_id)] = atom_feed(entries, zone_id, page, release_url)
    return made


def write_feeds(folder: Path, releases: list[Release], app_url: str) -> list[Path]:
    """Write every feed into `folder` atomically; return the paths."""
    return [write_atomically(folder, name, content) for name, content in feeds(releases, app_url).items()]


def feeds_folder() -> Path:
    """Where the feeds are written: feeds/ in PSM_DATA_DIR (the folder nginx serves at /feeds/)."""
    return config.data_folder("feeds")


def publish_feeds(store: SubmissionStore) -> bool:
    """Rewrite every feed from the releases in `store`; False (and a log line) if the folder is not writable:
    the release itself is made, and the next one rewrites them all."""
    try:
        write_feeds(feeds_folder(), list_releases(store), config.public_url() or UNSET_URL)
    except OSError as err:
        _log.error("registry feeds not written to %s: %s", feeds_folder(), err)
        return False
    return True
