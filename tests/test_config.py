"""The security-relevant Streamlit settings (issue 5, FIELD-NOTES) hold, as Streamlit itself reads them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"

# option → required value. Each line says what goes wrong without it.
REQUIRED = {
    "server.enableXsrfProtection": True,  # uploads without the token must get 403
    "server.enableCORS": True,  # XSRF protection alone does not stop a cross-origin WebSocket
    "server.maxUploadSize": 20,  # MB; Streamlit's default of 200 MB is held in RAM per upload
    "server.headless": True,  # a server never opens a browser or asks for an e-mail
    "server.enableAgentApi": False,  # no non-browser client may drive sessions
    "browser.gatherUsageStats": False,  # no telemetry from a municipality's server
    "client.showErrorDetails": "none",  # tracebacks and DuckDB messages stay in the server log
    "client.toolbarMode": "viewer",  # no developer menu for visitors
    "client.showErrorLinks": False,  # no links sending error text to outside search or chat sites
}

_READ_OPTIONS = textwrap.dedent("""
    import json, sys
    from streamlit import config
    config.get_config_options(force_reparse=True)
    print(json.dumps({name: config.get_option(name) for name in sys.argv[1:]}))
""")


def setting(settings: dict, option: str) -> object:
    """The value of a dotted option ("server.maxUploadSize") in parsed TOML, or KeyError naming it."""
    section, key = option.split(".")
    return settings[section][key]


@pytest.mark.parametrize(("option", "value"), REQUIRED.items(), ids=list(REQUIRED))
def test_config_file_sets(option: str, value: object) -> None:
    """The committed file states every security-relevant option explicitly."""
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert setting(settings, option) == value
    assert type(setting(settings, option)) is type(value), f"{option} has the wrong TOML type"


def test_streamlit_reads_the_same_values() -> None:
    """Streamlit, started in the checkout, resolves each option to the required value (no misspelt keys)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    result = subprocess.run(
        [sys.executable, "-c", _READ_OPTIONS, *REQUIRED],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == REQUIRED
