"""Review shows names, not only codes: upload preview, diff, history and suggestions (issue 14.9)."""

from __future__ import annotations

from test_ui_upload import (  # noqa: F401
    COORD,
    COORD_PW,
    DATA,
    commit_density,
    cp1257_file,
    frame_with,
    login,
    no_exceptions,
    open_page,
    rows_of,
    store,
    upload,
)

from benchlearn.store import Store


def test_the_preview_and_the_diff_name_the_municipality_and_the_indicator(store: Store) -> None:  # noqa: F811
    at = upload(login(open_page("pages/upload.py", "lt"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    no_exceptions(at)
    preview = frame_with(at, "Eilutė")
    assert rows_of(preview, ["Savivaldybė", "Savivaldybės pavadinimas", "Rodiklio pavadinimas"]) == [
        ["LT-01", "Akmenės r. sav.", "Gyventojų tankis"], ["LT-02", "Alytaus m. sav.", "Gyventojų tankis"]]
    diff = frame_with(at, "Buvusi reikšmė")
    assert rows_of(diff, ["Savivaldybė", "Savivaldybės pavadinimas", "Rodiklio pavadinimas"]) == [
        ["LT-01", "Akmenės r. sav.", "Gyventojų tankis"], ["LT-02", "Alytaus m. sav.", "Gyventojų tankis"]]


def test_history_names_what_a_batch_changed(store: Store) -> None:  # noqa: F811
    at = commit_density(store).switch_page("pages/history.py").run()
    no_exceptions(at)
    changes = frame_with(at, "Now")
    assert rows_of(changes, ["Municipality", "Municipality name", "Indicator name"]) == [
        ["LT-01", "Akmenės r. sav.", "Population density"], ["LT-02", "Alytaus m. sav.", "Population density"]]


def test_an_unknown_name_is_answered_with_names_in_the_users_language(store: Store) -> None:  # noqa: F811
    at = upload(login(open_page("pages/upload.py", "lv"), COORD, COORD_PW), "density_bad.csv",
                (DATA / "density_bad.csv").read_bytes())
    report = at.table[0].value
    assert report["Problēma"].tolist()[0] == ("“Akmne” nav zināms pašvaldības vai citas vienības kods vai "
                                             "nosaukums (vai domājāt LT-01 Akmenės r. sav., FI-635 Pälkäne vai "
                                             "LV-007 Alūksnes novads?)")
    assert report["Ieteikums"].tolist()[0] == ("Akmenės r. sav. (LT-01), Pälkäne (FI-635) vai "
                                               "Alūksnes novads (LV-007)")
