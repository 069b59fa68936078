"""Every bad file in tests/data/bad is refused with its exact first line `FILE:ROW:COLUMN: message`."""

from __future__ import annotations

import dataclasses

import pytest
from ingest_ref import BAD, load_cases, options_for, reference, reference_for

from benchlearn.errors import InputError
from benchlearn.i18n import catalogue
from benchlearn.i18n.problems import problem_key
from benchlearn.ingest import IngestOptions, parse

CASES = load_cases()


def test_there_are_at_least_35_distinct_bad_files():
    files = {case["file"] for case in CASES}
    assert len(files) == len(CASES) >= 35
    assert files == {p.name for p in BAD.iterdir() if p.name != "cases.json"}
    assert len({(BAD / f).read_bytes() for f in files}) == len(files)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_file_is_refused_with_its_exact_first_problem(case):
    with pytest.raises(InputError) as caught:
        parse((BAD / case["file"]).read_bytes(), case["file"], reference_for(case), options_for(case))
    error = caught.value
    assert str(error.problems[0]) == case["expected"]
    assert error.lines()[0] == case["expected"]
    first = error.problems[0]
    assert first.file == case["file"] and first.code and first.message
    assert error.total == len(error.problems) >= 1


@pytest.mark.parametrize("case", [c for c in CASES if c.get("network")], ids=lambda c: c["file"])
def test_network_cases_pass_without_the_network(case):
    """The network rule, not something else, refuses them."""
    options = dataclasses.replace(options_for(case), network=None)
    parse((BAD / case["file"]).read_bytes(), case["file"], reference(), options)


def test_every_problem_of_a_file_is_collected_in_row_order():
    data = (
        b"entity_code,indicator_code,period,value\n"
        b"Akmne,POP,2023,1000\n"
        b"LT-01,POP,23,x1\n"
        b"LT-02,URBAN_SHARE,2023,101\n"
        b"LT-03,POP,2023\n"
        b"LT-04,BIRTH,2023,#DIV/0!\n"
    )
    with pytest.raises(InputError) as caught:
        parse(data, "many.csv", reference(), IngestOptions())
    assert caught.value.lines() == [
        'many.csv:2:entity_code: "Akmne" is not a known entity code or name (expected the code or name of an '
        "entity in the store; did you mean LT-01 Akmenė d. mun.?)",
        'many.csv:3:period: "23" is not a period (expected a year from 1800 to 2200 such as 2023, a split year '
        "such as 2016-17 or a quarter such as 2024-Q2)",
        'many.csv:3:value: "x1" is not a number (expected a number such as 1234,5 or 1234.5)',
        'many.csv:4:value: "101" is outside the range of URBAN_SHARE (expected 0 to 100)',
        'many.csv:5:: the row has 3 cells, the header has 4 (expected 4 cells separated by ",")',
        'many.csv:6:indicator_code: "BIRTH" is not a known indicator code or name (expected an indicator '
        "of the store; did you mean BIRTHS Live births or BIRTH_RATE Births per 1 000 inhabitants?)",
        'many.csv:6:value: "#DIV/0!" is an Excel error, not a value (expected a number; fix the formula in '
        "the spreadsheet)",
    ]
    assert caught.value.total == 7


def test_problems_are_capped_but_counted():
    rows = "".join(f"LT-01,POP,{1900 + i},oops\n" for i in range(250))
    data = ("entity_code,indicator_code,period,value\n" + rows).encode()
    with pytest.raises(InputError) as caught:
        parse(data, "capped.csv", reference(), IngestOptions(max_problems=3))
    error = caught.value
    assert [p.row for p in error.problems] == [2, 3, 4]
    assert error.total == 250
    assert error.lines()[-1] == "… 247 more problems not shown (250 in all)"
    assert str(error).endswith("(and 249 more)")


def test_a_problem_carries_its_parts_for_the_report_table():
    data = b"entity_code,indicator_code,period,value\nAkmne,POP,2023,1000\n"
    with pytest.raises(InputError) as caught:
        parse(data, "parts.csv", reference(), IngestOptions())
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.code) == ("parts.csv", 2, "entity_code",
                                                                           "unknown_entity")
    assert problem.value == "Akmne" and problem.suggestion == "LT-01"
    assert problem.expected == "an entity code or name"


def test_an_ambiguous_name_suggests_both_entities():
    data = "savivaldybė,rodiklis,metai,reikšmė\nAlytus,POP,2023,1\n".encode()
    with pytest.raises(InputError) as caught:
        parse(data, "a.csv", reference(), IngestOptions())
    problem = caught.value.problems[0]
    assert problem.code == "ambiguous_entity" and problem.suggestion == "LT-02, LT-03"
    assert dict(problem.params) == {"candidates": ("LT-02 Alytus t. mun.", "LT-03 Alytus d. mun."),
                                    "suggested": ("Alytus t. mun. (LT-02)", "Alytus d. mun. (LT-03)")}


def test_a_header_with_several_problems_reports_them_all():
    data = b"entity_code,value,value,source\nLT-01,1,1,x\n"
    with pytest.raises(InputError) as caught:
        parse(data, "h.csv", reference(), IngestOptions())
    assert caught.value.lines() == [
        'h.csv:1:value: column "value" appears twice (expected each column once)',
        'h.csv:1:: missing column "indicator_code" (expected a column named indicator_code or an alias '
        "such as indicator, rodiklis or rādītājs)",
        'h.csv:1:: missing column "period" (expected a column named period or an alias such as year, metai '
        "or gads)",
    ]


def test_problems_carry_params_to_translate_them():
    data = b"entity_code,indicator_code,period,value\nLT-01,URBAN_SHARE,2023,101\nLV-102,POP,2026,5\n"
    with pytest.raises(InputError) as caught:
        parse(data, "p.csv", reference(), IngestOptions())
    by_code = {p.code: dict(p.params) for p in caught.value.problems}
    assert by_code["out_of_range"] == {"indicator": "URBAN_SHARE", "min": "0", "max": "100"}
    assert by_code["entity_not_valid"] == {
        "entity": "LV-102", "period": "2026", "successor": "LV-059", "label": "LV-102 Varakļānu novads",
        "day": "2025-06-30", "year": "2025", "successor_label": "LV-059 Madonas novads"}


def test_a_wide_file_reports_a_bad_entity_once_per_row_not_per_column():
    data = b"municipality,year,POP,BIRTHS\nAkmne,2023,1000,10\n"
    with pytest.raises(InputError) as caught:
        parse(data, "w.csv", reference(), IngestOptions())
    found = [(p.row, p.column, p.code) for p in caught.value.problems]
    assert found == [(2, "municipality", "unknown_entity")]


def test_a_wide_file_locates_a_bad_value_under_its_indicator_column():
    data = b"municipality,year,POP,BIRTHS\nLT-01,2023,1000,-3\n"
    with pytest.raises(InputError) as caught:
        parse(data, "w.csv", reference(), IngestOptions())
    assert caught.value.lines() == [
        'w.csv:2:BIRTHS: "-3" is outside the range of BIRTHS (expected at least 0)']


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_every_problem_of_the_bad_files_is_worded_in_the_baltic_languages(lang):
    """The upload page words problems by rule code and form: none of these may fall back to English."""
    untranslated = {}
    for case in CASES:
        with pytest.raises(InputError) as caught:
            parse((BAD / case["file"]).read_bytes(), case["file"], reference_for(case), options_for(case))
        for problem in caught.value.problems:
            key = problem_key(problem.code, problem.form)
            if not catalogue().get(key, {}).get(lang) or problem.text(lang) == problem.message:
                untranslated.setdefault(key, case["file"])
    assert not untranslated, untranslated
