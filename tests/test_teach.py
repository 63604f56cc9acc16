"""The teaching notebooks: six steps of the method and a teacher's notebook in each language,
built alike; each student notebook leaves something for check() to find, and every answer in
the teacher's notebooks passes check() with nothing left."""

from __future__ import annotations

import ast
import importlib.util
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pandas.testing as pdt
import pytest

from cjm_widgets.checks import COLUMNS

TEACH = Path(__file__).parents[1] / "example_notebooks" / "teach"
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


def run(lang: str, name: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Runs a notebook's code cells in order, in one namespace, from its folder, and returns
    the value each check cell ends with (what the notebook shows the student)."""
    monkeypatch.chdir(TEACH / lang)
    namespace: dict[str, Any] = {}
    shown = []
    for cell in cells(lang, name):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(source(cell))
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last is not None else tree.body
        exec(compile(ast.Module(body=body, type_ignores=[]), name, "exec"), namespace)
        value = None
        if last is not None:
            value = eval(compile(ast.Expression(last.value), name, "eval"), namespace)
        if "check" in tags(cell):
            shown.append(value)
    return shown


def test_each_language_has_the_six_steps_and_a_teacher_notebook() -> None:
    for lang, names in NOTEBOOKS.items():
        found = sorted(path.stem for path in (TEACH / lang).glob("*.ipynb"))
        assert found == list(names), lang


@pytest.mark.parametrize("position", range(7))
def test_both_languages_have_the_same_structure(position: int) -> None:
    fr, en = (cells(lang, NOTEBOOKS[lang][position]) for lang in ("fr", "en"))
    assert [(c["cell_type"], tags(c)) for c in fr] == [(c["cell_type"], tags(c)) for c in en]
    marked = [["NBVAL_CHECK_OUTPUT" in source(c) for c in nb] for nb in (fr, en)]
    assert marked[0] == marked[1]


@pytest.mark.parametrize(("lang", "name"), STUDENT)
def test_a_student_notebook_has_an_exercise_and_a_checked_check_cell(lang: str, name: str) -> None:
    notebook = cells(lang, name)
    assert any("exercise" in tags(c) and c["cell_type"] == "code" for c in notebook)
    checks = [c for c in notebook if "check" in tags(c)]
    assert len(checks) == 1
    text = source(checks[0])
    assert "check(" in text
    assert f'lang="{lang}"' in text
    # nbval compares this cell's stored output, so a change in check() or templates shows.
    assert text.startswith("# NBVAL_CHECK_OUTPUT")
    assert checks[0]["outputs"], "stored without its output"


@pytest.mark.parametrize("lang", NOTEBOOKS)
def test_notebooks_are_stored_executed(lang: str) -> None:
    for name in NOTEBOOKS[lang]:
        for cell in cells(lang, name):
            if cell["cell_type"] == "code":
                assert cell["execution_count"] is not None, (name, source(cell)[:60])
                assert not [o for o in cell["outputs"] if o["output_type"] == "error"], name


@pytest.mark.parametrize(("lang", "name"), STUDENT)
def test_a_starter_notebook_leaves_something_to_do(
    lang: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (findings,) = run(lang, name, monkeypatch)
    assert isinstance(findings, pd.DataFrame)
    assert list(findings.columns) == list(COLUMNS)
    assert len(findings) >= 1


@pytest.mark.parametrize("lang", NOTEBOOKS)
def test_the_teacher_answers_pass_check(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = cells(lang, NOTEBOOKS[lang][0])
    assert sum("answer" in tags(c) for c in notebook) == 6
    shown = run(lang, NOTEBOOKS[lang][0], monkeypatch)
    assert len(shown) == 6
    for step, findings in enumerate(shown, start=1):
        assert isinstance(findings, pd.DataFrame), step
        assert list(findings.columns) == list(COLUMNS), step
        assert findings.empty, (step, findings["message"].tolist())


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
