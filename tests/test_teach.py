"""The teaching notebooks: six steps of the method and a teacher's notebook in each language,
built alike; each student notebook leaves something for check() to find, and every answer in
the teacher's notebooks passes check() with nothing left."""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import pandas.testing as pdt
import pytest

from cjm_widgets.checks import COLUMNS, RULES

EXAMPLES = Path(__file__).parents[1] / "example_notebooks"
TEACH = EXAMPLES / "teach"
NOTEBOOKS = {
    "fr": (
        "00_enseignant",
        "01_objectifs",
        "02_personas",
        "03_points_de_contact",
        "04_carte",
        "05_parcourir",
        "06_ajuster",
    ),
    "en": (
        "00_teacher",
        "01_objectives",
        "02_personas",
        "03_touchpoints",
        "04_map",
        "05_walk",
        "06_adjust",
    ),
}
STUDENT = [(lang, name) for lang, names in NOTEBOOKS.items() for name in names[1:]]


def cells(lang: str, name: str) -> list[dict[str, Any]]:
    notebook = json.loads((TEACH / lang / f"{name}.ipynb").read_text(encoding="utf-8"))
    return list(notebook["cells"])


def tags(cell: dict[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def source(cell: dict[str, Any]) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


class Ran(NamedTuple):
    shown: list[Any]  # the value each check cell ends with (what the notebook shows)
    printed: list[str]  # what each code cell prints, in order


def execute(lang: str, name: str, monkeypatch: pytest.MonkeyPatch) -> Ran:
    """Runs a notebook's code cells in order, in one namespace, from its folder."""
    monkeypatch.chdir(TEACH / lang)
    namespace: dict[str, Any] = {}
    shown = []
    printed = []
    for cell in cells(lang, name):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(source(cell))
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last is not None else tree.body
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(ast.Module(body=body, type_ignores=[]), name, "exec"), namespace)
            value = None
            if last is not None:
                value = eval(compile(ast.Expression(last.value), name, "eval"), namespace)
        printed.append(out.getvalue())
        if "check" in tags(cell):
            shown.append(value)
    return Ran(shown, printed)


def run(lang: str, name: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The value each check cell of a notebook ends with, once its cells have run."""
    return execute(lang, name, monkeypatch).shown


def asserts_empty(cell: dict[str, Any]) -> bool:
    """Whether the cell asserts that a table is empty (``assert findings.empty, ...``), which
    nbval sees fail with no stored output to compare."""
    return cell["cell_type"] == "code" and any(
        isinstance(node, ast.Assert)
        and isinstance(node.test, ast.Attribute)
        and node.test.attr == "empty"
        for node in ast.walk(ast.parse(source(cell)))
    )


def named_rules(text: str) -> set[str]:
    """The rule ids a markdown cell names in backticks."""
    return {word for word in re.findall(r"`([a-z_]+)`", text) if word in RULES}


def test_each_language_has_the_six_steps_and_a_teacher_notebook() -> None:
    for lang, names in NOTEBOOKS.items():
        found = sorted(path.stem for path in (TEACH / lang).glob("*.ipynb"))
        assert found == list(names), lang


@pytest.mark.parametrize("position", range(7))
def test_both_languages_have_the_same_structure(position: int) -> None:
    fr, en = (cells(lang, NOTEBOOKS[lang][position]) for lang in ("fr", "en"))
    assert [(c["cell_type"], tags(c)) for c in fr] == [(c["cell_type"], tags(c)) for c in en]
    checked = [[asserts_empty(c) for c in nb] for nb in (fr, en)]
    assert checked[0] == checked[1]


@pytest.mark.parametrize(("lang", "name"), STUDENT)
def test_a_student_notebook_has_an_exercise_and_a_check_cell(lang: str, name: str) -> None:
    notebook = cells(lang, name)
    assert any("exercise" in tags(c) and c["cell_type"] == "code" for c in notebook)
    checks = [c for c in notebook if "check" in tags(c)]
    assert len(checks) == 1
    text = source(checks[0])
    assert "check(" in text
    assert f'lang="{lang}"' in text
    # The student runs it until the table it shows is empty: it ends with that table.
    assert isinstance(ast.parse(text).body[-1], ast.Expr)
    assert not asserts_empty(checks[0]), "a starter's check must show its findings, not fail"


NOTEBOOK_FILES = sorted(EXAMPLES.glob("*.ipynb")) + sorted(TEACH.glob("*/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    # No widget state either: a notebook's widgets come from running it.
    assert "widgets" not in notebook["metadata"], path.name
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        where = (path.name, source(cell)[:60])
        assert cell["outputs"] == [], where
        assert cell["execution_count"] is None, where
        assert "execution" not in cell["metadata"], where
        # nbval would compare such a cell with a stored output there is none of.
        assert "NBVAL_CHECK_OUTPUT" not in source(cell), where


def test_notebooks_are_found() -> None:
    assert len(NOTEBOOK_FILES) == 5 + sum(len(names) for names in NOTEBOOKS.values())


@pytest.mark.parametrize(("lang", "name"), STUDENT)
def test_a_starter_notebook_leaves_something_to_do(
    lang: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (findings,) = run(lang, name, monkeypatch)
    assert isinstance(findings, pd.DataFrame)
    assert list(findings.columns) == list(COLUMNS)
    assert len(findings) >= 1


@pytest.mark.parametrize("position", range(1, 7))
def test_a_starter_finds_the_same_in_both_languages_and_only_the_rules_it_teaches(
    position: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {}
    for lang in NOTEBOOKS:
        name = NOTEBOOKS[lang][position]
        (findings,) = run(lang, name, monkeypatch)
        found[lang] = sorted(zip(findings["severity"], findings["rule"], strict=True))
        notebook = cells(lang, name)
        at = next(i for i, c in enumerate(notebook) if "check" in tags(c))
        taught = named_rules(source(notebook[at - 1]))
        # The text before the check cell names the rules it keeps ("every rule" names none).
        if taught:
            assert {rule for _, rule in found[lang]} <= taught, (lang, name)
    assert found["fr"] == found["en"]


@pytest.mark.parametrize("lang", NOTEBOOKS)
def test_the_teacher_answers_pass_check(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = cells(lang, NOTEBOOKS[lang][0])
    assert sum("answer" in tags(c) for c in notebook) == 6
    # nbval fails the notebook when an answer stops passing: each check cell asserts it.
    assert all(asserts_empty(c) for c in notebook if "check" in tags(c))
    shown = run(lang, NOTEBOOKS[lang][0], monkeypatch)
    assert len(shown) == 6
    for step, findings in enumerate(shown, start=1):
        assert isinstance(findings, pd.DataFrame), step
        assert list(findings.columns) == list(COLUMNS), step
        assert findings.empty, (step, findings["message"].tolist())


@pytest.mark.parametrize("lang", NOTEBOOKS)
def test_the_teacher_text_names_the_steps_the_numbers_show(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Step 5 prints the biggest loss and the lowest measured emotion; the text after it says
    # where they fall, so a change in the case's numbers shows there.
    name = NOTEBOOKS[lang][0]
    printed = [text for text in execute(lang, name, monkeypatch).printed if text]
    assert len(printed) == 1
    table, lowest = printed[0].splitlines()[1:3]
    biggest_loss = table.rsplit(maxsplit=2)[0].strip()
    lowest_emotion = lowest.split(":", 1)[1].rsplit(maxsplit=1)[0].strip()
    notebook = cells(lang, name)
    at = next(i for i, c in enumerate(notebook) if "print(" in source(c))
    text = " ".join(source(notebook[at + 1]).split())
    assert biggest_loss in text
    assert lowest_emotion in text
    assert biggest_loss != lowest_emotion


@pytest.mark.parametrize("lang", NOTEBOOKS)
def test_the_last_answer_is_checked_with_every_rule(lang: str) -> None:
    # Steps 1 to 5 look at their own rules; the sixth answer must pass them all.
    last = [c for c in cells(lang, NOTEBOOKS[lang][0]) if "check" in tags(c)][-1]
    assert "isin(" not in source(last)


def test_the_case_files_are_what_make_case_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("make_case", TEACH / "make_case.py")
    assert spec is not None
    assert spec.loader is not None
    make_case = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_case)
    for lang in NOTEBOOKS:
        (tmp_path / lang).mkdir()
    monkeypatch.setattr(make_case, "HERE", tmp_path)
    make_case.main()
    for lang, files in make_case.FILES.items():
        for file in files:
            written = pd.read_csv(tmp_path / lang / file)
            pdt.assert_frame_equal(written, pd.read_csv(TEACH / lang / file), check_exact=True)
