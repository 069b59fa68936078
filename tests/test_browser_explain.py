"""Explanations open in Chromium against `streamlit run` (issue 16.1): the profile's 'Explain a figure' and the
network view's heatmap-cell picker and composite score (the ranking page's popover: test_page_explain)."""

from __future__ import annotations

from browser_support import screenshot, wait_ready

from benchlearn.i18n import t

ENTITY, PEERS, PERIOD = "LV-011", "country:LV", "2024"


def _open(page, label: str) -> object:  # noqa: ANN001 — playwright's Page
    page.get_by_role("button", name=label).first.click()
    body = page.locator('[data-testid="stPopoverBody"]')
    body.first.wait_for(timeout=30_000)
    return body


def test_the_profile_explains_a_figure(app_server: str, page) -> None:  # noqa: ANN001
    """The popover shows the MAD score formula, the peers and the sources tables."""
    page.goto(f"{app_server}/")
    wait_ready(page)
    page.goto(f"{app_server}/profile?entity={ENTITY}&peers={PEERS}&period={PERIOD}&lang=en")
    wait_ready(page)
    body = _open(page, t("explain.figure", "en"))
    body.get_by_text("Rank = ", exact=False).wait_for(timeout=30_000)
    assert body.get_by_text(t("explain.sources", "en")).count() == 1
    assert body.locator('[data-testid="stDataFrame"]').count() >= 2
    screenshot(page, "profile-explain")


def test_the_network_view_explains_a_cell_and_a_composite(app_server: str, page) -> None:  # noqa: ANN001
    """The cell picker explains a member × indicator; the composite popover sums the contributions."""
    page.goto(f"{app_server}/")
    wait_ready(page)
    page.goto(f"{app_server}/network?entity={ENTITY}&lang=en")
    wait_ready(page)
    body = _open(page, t("explain.figure", "en"))
    body.get_by_text("Rank = ", exact=False).wait_for(timeout=30_000)
    assert body.get_by_text(t("explain.sources", "en")).count() == 1
    screenshot(page, "network-explain-cell")
    page.keyboard.press("Escape")
    wait_ready(page)
    body = _open(page, t("explain.composite.open", "en"))
    body.get_by_text("Score = ", exact=False).wait_for(timeout=30_000)
    screenshot(page, "network-explain-composite")
