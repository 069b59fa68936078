"""Ingest problems carry a code, a form and parameters only: their wording is the catalogues', in en, lt and lv."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from ingest_ref import reference

from benchlearn.errors import InputError, InputProblem
from benchlearn.i18n.catalogues import messages
from benchlearn.ingest import IngestOptions, parse
from benchlearn.ui.upload_problems import report_frame

ROOT = Path(__file__).resolve().parents[1]
# where each call that records a problem took its English message (now: nothing there but a form name)
MESSAGE_AT = {"add": 3, "fail": 3, "problem": 3, "bad_source": 1, "bad_mapping": 1, "_fail": 2, "_located": 3}


def test_a_problem_built_from_its_code_and_params_reads_as_the_cli_prints_it():
    problem = InputProblem("v.csv", 3, "value", code="not_a_number", value="abc")
    assert str(problem) == 'v.csv:3:value: "abc" is not a number (expected a number such as 1234,5 or 1234.5)'
    assert problem.text("lt") == "„abc“ nėra skaičius (tikėtasi skaičiaus, pavyzdžiui, 1234,5 arba 1234.5)"


def test_no_english_problem_text_is_the_rule_s_own_message():
    """The English catalogue words every problem itself; none passes a message built in code through."""
    english = messages("en").singular
    passed_through = sorted(k for k, text in english.items() if k.startswith("upload.problem.")
                            and text.strip() in ("{message}", "{detail}"))
    assert not passed_through
    assert all(k in english for k in ("upload.problem.unknown_entity.hint", "upload.list.or"))


def test_no_ingest_rule_writes_a_sentence_in_code():
    """No call that records a problem in ingest/, sources/ or api/ passes an f-string or a sentence."""
    found = []
    for folder in ("benchlearn/ingest", "benchlearn/sources", "benchlearn/api"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name not in MESSAGE_AT or len(node.args) <= MESSAGE_AT[name]:
                    continue
                arg = node.args[MESSAGE_AT[name]]
                text = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                if isinstance(arg, ast.JoinedStr | ast.BinOp) or (text and " " in text):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", '"Akmne" is not a known entity code or name (expected the code or name of an entity in the store; '
           "did you mean LT-01 Akmenė d. mun.?)"),
    ("lt", "„Akmne“ – nežinomas savivaldybės ar kito vieneto kodas arba pavadinimas (gal turėjote omenyje "
           "LT-01 Akmenė d. mun.?)"),
    ("lv", "“Akmne” nav zināms pašvaldības vai citas vienības kods vai nosaukums (vai domājāt "
           "LT-01 Akmenė d. mun.?)"),
])
def test_an_unknown_name_is_answered_with_the_names_it_may_mean_in_every_language(lang, expected):
    data = "savivaldybė,rodiklis,metai,reikšmė\nAkmne,POP,2023,1\n".encode()
    with pytest.raises(InputError) as caught:
        parse(data, "a.csv", reference(), IngestOptions())
    frame = report_frame(caught.value, lang)
    assert frame.iloc[0, 3] == expected
    assert frame.iloc[0, 4] == "Akmenė d. mun. (LT-01)"


def test_a_list_in_a_problem_is_joined_with_the_language_s_own_word():
    data = "savivaldybė,rodiklis,metai,reikšmė\nAlytus,POP,2023,1\n".encode()
    with pytest.raises(InputError) as caught:
        parse(data, "a.csv", reference(), IngestOptions())
    problem = caught.value.problems[0]
    assert "LT-02 Alytus t. mun. and LT-03 Alytus d. mun." in problem.message
    assert "LT-02 Alytus t. mun. ir LT-03 Alytus d. mun." in problem.text("lt")
    assert "LT-02 Alytus t. mun. un LT-03 Alytus d. mun." in problem.text("lv")
