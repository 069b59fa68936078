"""The layer rules of ARCHITECTURE.md §3 and the page guard of §4, checked on the source with `ast`.

Only direct imports are checked here (a page may import benchlearn.ui, which opens the store); the subprocess
test below checks the transitive promise that matters most: importing the library never loads streamlit.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "benchlearn"
PAGES = ROOT / "pages"


@dataclass(frozen=True)
class Rule:
    """Files matching `scope` (paths relative to the checkout) must not import any of `forbidden`."""

    name: str
    scope: tuple[str, ...]
    forbidden: tuple[str, ...]
    exempt: tuple[str, ...] = ()

    def applies_to(self, rel: str) -> bool:
        """True when the file at checkout-relative path `rel` falls under this rule."""
        def under(prefixes: tuple[str, ...]) -> bool:
            return any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in prefixes)
        return under(self.scope) and not under(self.exempt)


RULES = (
    Rule("the library outside ui/ never imports streamlit", ("benchlearn/",), ("streamlit",),
         exempt=("benchlearn/ui/",)),
    Rule("compare/ and charts.py take DataFrames, not the database",
         ("benchlearn/compare/", "benchlearn/charts/", "benchlearn/charts.py"), ("duckdb", "benchlearn.store")),
    Rule("store/ never reaches up the layers", ("benchlearn/store/",),
         ("benchlearn.compare", "benchlearn.charts", "benchlearn.api", "benchlearn.ui")),
    Rule("pages go through benchlearn.api", ("pages/", "dashboard.py"),
         ("duckdb", "benchlearn.store", "benchlearn.compare")),
)
# Where HTML from user data could reach a browser unescaped (issue 5: no user text rendered as HTML).
HTML_SCOPE = ("benchlearn/", "pages/", "dashboard.py")


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


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, relative imports resolved against `module`.

    `from a import b` yields both `a` and `a.b`: b may be a submodule (`from benchlearn import store`).
    Constant-string `importlib.import_module(...)` and `__import__(...)` calls count too.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, package)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node) and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
    return found


def _resolve(name: str, level: int, package: str) -> str:
    if level == 0:
        return name
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _is_dynamic_import(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def forbidden_imports(
    source: str, module: str, forbidden: tuple[str, ...], is_package: bool = False
) -> list[str]:
    """`line N: name` for each import of `source` that is, or is inside, one of the `forbidden` modules."""
    return [
        f"line {line}: {name}"
        for line, name in imported_modules(source, module, is_package)
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


RULED_FILES = [p for p in python_files() if any(r.applies_to(rel(p)) for r in RULES)]


@pytest.mark.parametrize("path", RULED_FILES, ids=rel)
def test_layer_rules(path: Path) -> None:
    """Each file keeps every layer rule that covers it; a failure names the file, line and import."""
    name = rel(path)
    source = path.read_text(encoding="utf-8")
    broken = [
        f"{name} {hit} — {rule.name}"
        for rule in RULES if rule.applies_to(name)
        for hit in forbidden_imports(source, module_name(name), rule.forbidden, path.name == "__init__.py")
    ]
    assert not broken, "\n".join(broken)


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
    ("source", "module", "forbidden", "expected"),
    [
        ("import duckdb\n", "benchlearn.compare.stats", ("duckdb",), ["line 1: duckdb"]),
        ("import duckdb as db\n", "benchlearn.charts", ("duckdb",), ["line 1: duckdb"]),
        ("from benchlearn import store\n", "benchlearn.compare.stats", ("benchlearn.store",),
         ["line 1: benchlearn.store"]),
        ("from benchlearn.store.reads import slice_\n", "pages.ranking", ("benchlearn.store",),
         ["line 1: benchlearn.store.reads", "line 1: benchlearn.store.reads.slice_"]),
        ("\nfrom ..store import reads\n", "benchlearn.compare.stats", ("benchlearn.store",),
         ["line 2: benchlearn.store", "line 2: benchlearn.store.reads"]),
        ("from .. import api\n", "benchlearn.store.reads", ("benchlearn.api",), ["line 1: benchlearn.api"]),
        ("from . import charts\n", "benchlearn.cli", ("benchlearn.charts",), ["line 1: benchlearn.charts"]),
        ("import streamlit.components.v1 as components\n", "benchlearn.report", ("streamlit",),
         ["line 1: streamlit.components.v1"]),
        ("def f():\n    import streamlit as st\n", "benchlearn.api", ("streamlit",), ["line 2: streamlit"]),
        ("import importlib\nimportlib.import_module('duckdb')\n", "pages.home", ("duckdb",),
         ["line 2: duckdb"]),
        ("from benchlearn.storefront import x\nimport duckdbx\n", "pages.home",
         ("benchlearn.store", "duckdb"), []),
        ("from benchlearn import api\n", "pages.home", ("benchlearn.store", "benchlearn.compare"), []),
    ],
    ids=["import", "alias", "from-package-import-submodule", "from-submodule", "relative-parent",
         "relative-bare", "relative-sibling", "submodule", "inside-function", "import_module", "prefix-only",
         "allowed"],
)
def test_forbidden_imports_checker(
    source: str, module: str, forbidden: tuple[str, ...], expected: list[str]
) -> None:
    """The checker finds direct, aliased, nested, relative and dynamic imports, and no false prefixes."""
    assert forbidden_imports(source, module, forbidden) == expected


def test_relative_import_in_a_package_init_resolves_inside_the_package() -> None:
    """`from .reads import x` in benchlearn/store/__init__.py means benchlearn.store.reads."""
    hits = forbidden_imports("from .reads import x\n", "benchlearn.store", ("benchlearn.store.reads",), True)
    assert hits == ["line 1: benchlearn.store.reads", "line 1: benchlearn.store.reads.x"]


def test_rule_scopes() -> None:
    """The rules cover the files ARCHITECTURE §3 names, and ui/ is exempt from the streamlit rule."""
    library, engine, store, pages = RULES
    assert library.applies_to("benchlearn/api/browse.py") and not library.applies_to("benchlearn/ui/login.py")
    assert engine.applies_to("benchlearn/charts.py") and engine.applies_to("benchlearn/compare/stats.py")
    assert not engine.applies_to("benchlearn/charts_extra.py")
    assert store.applies_to("benchlearn/store/reads.py") and not store.applies_to("benchlearn/api/uploads.py")
    assert pages.applies_to("dashboard.py") and pages.applies_to("pages/home.py")


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
