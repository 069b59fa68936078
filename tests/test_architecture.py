"""What no import contract can check: the page guard of ARCHITECTURE.md §4, no unsafe HTML, download buttons,
lambdas kept in widget state, dashboard.py's imports, and the subprocess probe that importing the library never
loads streamlit. The layer rules of §3 are import-linter contracts in pyproject.toml (`make lint`).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "benchlearn"
PAGES = ROOT / "pages"
# Where HTML from user data could reach a browser unescaped (issue 5: no user text rendered as HTML).
HTML_SCOPE = ("benchlearn/", "pages/", "dashboard.py")
# dashboard.py is a module, not a package, so no contract covers it: the pages' rule, checked here.
ENTRY_FORBIDDEN = ("duckdb", "benchlearn.store", "benchlearn.compare")


def python_files() -> list[Path]:
    """Every Python file of the library, the pages and the entry point."""
    files = sorted(PACKAGE.rglob("*.py")) + sorted(PAGES.glob("*.py"))
    entry = ROOT / "dashboard.py"
    return files + [entry] if entry.exists() else files


def rel(path: Path) -> str:
    """A path relative to the checkout, with forward slashes (the form rules and test ids use)."""
    return path.relative_to(ROOT).as_posix()


def module_name(rel_path: str) -> str:
    """The dotted module name of a relative path (`benchlearn/store/__init__.py`: benchlearn.store)."""
    parts = rel_path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in `source`; `from a import b` yields a and a.b."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def forbidden_imports(source: str, forbidden: tuple[str, ...]) -> list[str]:
    """`line N: name` for each import of `source` that is, or is inside, one of the `forbidden` modules."""
    return [
        f"line {line}: {name}" for line, name in top_level_imports(source)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]


def unsafe_html(source: str) -> list[str]:
    """`line N` for each call passing unsafe_allow_html anything but a literal False."""
    return [
        f"line {kw.value.lineno}: unsafe_allow_html={ast.unparse(kw.value)}"
        for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "unsafe_allow_html" and not _is_false(kw.value)
    ]


def rerunning_downloads(source: str) -> list[str]:
    """`line N` for each download_button without on_click="ignore": its click reruns the page, and a rerun
    that ends before the browser fetches a deferred (callable) file drops it, so the download fails."""
    return [
        f"line {node.lineno}: {ast.unparse(node.func)}(...) without on_click='ignore'"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _called_name(node) == "download_button"
        and not any(kw.arg == "on_click" and isinstance(kw.value, ast.Constant) and kw.value.value == "ignore"
                    for kw in node.keywords)
    ]


def retaining_lambdas(source: str) -> list[str]:
    """`line N` for each lambda given as a widget's format_func or as a download button's data: Streamlit keeps
    both beyond the run (in the session's widget state, or as a deferred file), and a lambda keeps the whole
    page run alive through its globals and closure (use ui.state.labels_for, or functools.partial)."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        held = [kw.value for kw in node.keywords if kw.arg == "format_func"]
        if _called_name(node) == "download_button":
            held += [kw.value for kw in node.keywords if kw.arg == "data"] + node.args[1:2]
        hits += [f"line {value.lineno}: a lambda kept by {_called_name(node)}(...)"
                 for value in held if isinstance(value, ast.Lambda)]
    return hits


def _is_false(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def page_guard_problem(source: str) -> str | None:
    """Why a page does not call page_setup( as its first statement after docstring and imports, or None."""
    body = [
        node for node in ast.parse(source).body
        if not isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]
    if not body:
        return "no statements after the imports: page_setup(...) is never called"
    first = body[0]
    if any(isinstance(n, ast.Call) and _called_name(n) == "page_setup" for n in ast.walk(first)):
        return None
    return f"line {first.lineno}: the first statement runs before page_setup(...): {ast.unparse(first)[:80]}"


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def test_the_entry_point_goes_through_the_api() -> None:
    """dashboard.py, like every page, reaches the data through benchlearn.api only."""
    hits = forbidden_imports((ROOT / "dashboard.py").read_text(encoding="utf-8"), ENTRY_FORBIDDEN)
    assert not hits, "dashboard.py: " + "; ".join(hits)


def test_the_streamlit_contract_covers_every_module_but_ui() -> None:
    """import-linter cannot say "benchlearn except ui": the contract lists the children, and none may be missing."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if "streamlit" in c["forbidden_modules"])
    children = {f"benchlearn.{p.stem}" for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    children |= {f"benchlearn.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert set(contract["source_modules"]) == children - {"benchlearn.ui"}


@pytest.mark.parametrize("path", [p for p in python_files() if rel(p).startswith(HTML_SCOPE)], ids=rel)
def test_no_unsafe_html(path: Path) -> None:
    """No code renders HTML unescaped: names from uploaded files would become markup in every browser."""
    hits = unsafe_html(path.read_text(encoding="utf-8"))
    assert not hits, f"{rel(path)}: " + "; ".join(hits)


@pytest.mark.parametrize("path", [p for p in python_files() if rel(p).startswith(HTML_SCOPE)], ids=rel)
def test_downloads_do_not_rerun_the_page(path: Path) -> None:
    """Every download button is on_click="ignore": a download changes nothing, and a rerun can drop the file."""
    hits = rerunning_downloads(path.read_text(encoding="utf-8"))
    assert not hits, f"{rel(path)}: " + "; ".join(hits)


@pytest.mark.parametrize("path", [p for p in python_files() if rel(p).startswith(HTML_SCOPE)], ids=rel)
def test_widgets_keep_no_lambda_beyond_the_run(path: Path) -> None:
    """Labels are computed (labels_for) and deferred files are partials: 20 sessions once held ~100 000 objects
    of old page runs through lambdas, walked by the collector after every run."""
    hits = retaining_lambdas(path.read_text(encoding="utf-8"))
    assert not hits, f"{rel(path)}: " + "; ".join(hits)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('st.selectbox("A", xs, format_func=labels_for(xs, lambda x: x))\n', []),
        ('st.selectbox("A", xs, format_func=lambda x: x)\n', ["line 1: a lambda kept by selectbox(...)"]),
        ('st.download_button("P", partial(make, data))\n', []),
        ('st.download_button("P", lambda: make(data))\n', ["line 1: a lambda kept by download_button(...)"]),
        ('st.download_button("P", data=lambda: make(data))\n', ["line 1: a lambda kept by download_button(...)"]),
    ],
    ids=["labels_for", "format-lambda", "partial", "data-lambda", "data-keyword-lambda"],
)
def test_retaining_lambdas_checker(source: str, expected: list[str]) -> None:
    """Lambdas directly in those two places are found; computed labels and partials pass."""
    assert retaining_lambdas(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('st.download_button("CSV", make, on_click="ignore")\n', []),
        ('left.download_button("CSV", make)\n', ["line 1: left.download_button(...) without on_click='ignore'"]),
        ('st.download_button("CSV", make, on_click="rerun")\n',
         ["line 1: st.download_button(...) without on_click='ignore'"]),
    ],
    ids=["ignore", "absent", "rerun"],
)
def test_rerunning_downloads_checker(source: str, expected: list[str]) -> None:
    """Only a literal on_click="ignore" passes."""
    assert rerunning_downloads(source) == expected


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.py")), ids=rel)
def test_every_page_guards_itself(path: Path) -> None:
    """Streamlit can run a page without dashboard.py (ARCHITECTURE §4): each page calls page_setup first."""
    problem = page_guard_problem(path.read_text(encoding="utf-8"))
    assert problem is None, f"{rel(path)}: {problem}"


# --- the checkers can fail: synthetic violations ---------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import duckdb as db\n", ["line 1: duckdb"]),
        ("from benchlearn import store\n", ["line 1: benchlearn.store"]),
        ("from benchlearn.compare.scores import x\n",
         ["line 1: benchlearn.compare.scores", "line 1: benchlearn.compare.scores.x"]),
        ("def f():\n    import duckdb\n", ["line 2: duckdb"]),
        ("from benchlearn.storefront import x\nimport duckdbx\nfrom benchlearn import api\n", []),
    ],
    ids=["alias", "from-package-import-submodule", "from-submodule", "inside-function", "allowed"],
)
def test_forbidden_imports_checker(source: str, expected: list[str]) -> None:
    """The entry point's checker finds aliased, nested and submodule imports, and no false prefixes."""
    assert forbidden_imports(source, ENTRY_FORBIDDEN) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('st.markdown(name, unsafe_allow_html=True)\n', ["line 1: unsafe_allow_html=True"]),
        ('st.write(x, unsafe_allow_html=flag)\n', ["line 1: unsafe_allow_html=flag"]),
        ('st.markdown(name, unsafe_allow_html=False)\nst.markdown(name)\n', []),
    ],
    ids=["true", "variable", "false-or-absent"],
)
def test_unsafe_html_checker(source: str, expected: list[str]) -> None:
    """Any value but a literal False counts as unsafe."""
    assert unsafe_html(source) == expected


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('"""Doc."""\nimport streamlit as st\nfrom benchlearn.ui import page_setup\n'
         'ctx = page_setup("upload.title", role="coordinator")\nst.write(1)\n', None),
        ("from benchlearn import ui\nui.page_setup(None)\n", None),
        ('import streamlit as st\nfrom benchlearn.ui import page_setup\n'
         'st.title("Upload")\nctx = page_setup(None)\n',
         "line 3: the first statement runs before page_setup(...): st.title('Upload')"),
        ('"""Doc."""\nimport streamlit as st\n',
         "no statements after the imports: page_setup(...) is never called"),
    ],
    ids=["setup-first", "module-attribute", "title-before-setup", "no-setup"],
)
def test_page_guard_checker(source: str, problem: str | None) -> None:
    """A page whose first statement is not the setup call is reported with its line."""
    assert page_guard_problem(source) == problem


# --- importing the library never loads streamlit ---------------------------------------------------------

LIBRARY_MODULES = sorted(
    module_name(rel(p)) for p in PACKAGE.rglob("*.py")
    if not rel(p).startswith("benchlearn/ui/") and p.name != "__main__.py"  # __main__ runs the CLI
)

_IMPORT_PROBE = textwrap.dedent("""
    import importlib, json, sys, traceback
    def streamlit_modules():
        return {m for m in sys.modules if m == "streamlit" or m.startswith("streamlit.")}
    report = {}
    for name in sys.argv[1:]:
        before = streamlit_modules()
        try:
            importlib.import_module(name)
            error = None
        except BaseException:
            error = traceback.format_exc(limit=-3)
        # Blame only what this import added: the first module to pull streamlit in is the one named.
        report[name] = {"error": error, "streamlit": sorted(streamlit_modules() - before)[:5]}
    print(json.dumps(report))
""")


@pytest.fixture(scope="module")
def import_report() -> dict[str, dict]:
    """Import benchlearn and each submodule (not ui/) in one fresh interpreter; what each import loaded."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE, *LIBRARY_MODULES],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_probe_lists_the_package_itself() -> None:
    """`import benchlearn` is part of the probe, so the package __init__ is covered too."""
    assert "benchlearn" in LIBRARY_MODULES and "benchlearn.__main__" not in LIBRARY_MODULES


@pytest.mark.parametrize("module", LIBRARY_MODULES)
def test_importing_the_library_does_not_load_streamlit(import_report: dict[str, dict], module: str) -> None:
    """The CLI and scripts use the library without Streamlit: importing a module must not pull it in."""
    outcome = import_report[module]
    assert outcome["error"] is None, f"import {module} failed:\n{outcome['error']}"
    assert not outcome["streamlit"], f"import {module} loaded {', '.join(outcome['streamlit'])}"


def test_the_probe_detects_streamlit(tmp_path: Path) -> None:
    """The probe itself can fail: a module that imports streamlit is reported as loading it."""
    (tmp_path / "offender.py").write_text("import streamlit\n", encoding="utf-8")
    (tmp_path / "clean.py").write_text("import json\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE, "offender", "clean"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "streamlit" in report["offender"]["streamlit"]
    assert report["clean"] == {"error": None, "streamlit": []}


def test_opening_a_store_does_not_import_pandas() -> None:
    """A process that only opens a store (the crash checks, `users` commands) starts in 0.15 s, not 0.55 s."""
    probe = "import sys, benchlearn.store; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip() == "False"


def test_the_api_exports_resolve_lazily() -> None:
    """Every name `benchlearn.api` exports is found in the module `_HOME` names; importing the package alone loads
    no use case (a typo in the mapping would otherwise surface only when a page first asks for the name)."""
    probe = ("import sys, benchlearn.api as api; loaded = [m for m in sys.modules if m.startswith('benchlearn.api.')]; "
             "missing = [n for n in api.__all__ if getattr(api, n, None) is None]; print(loaded, missing)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip() == "[] []"
