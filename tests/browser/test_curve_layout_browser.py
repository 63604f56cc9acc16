"""The emotion curve's layout in a real JupyterLab: two personas with different steps.

Each line's points sit at their own steps, the highest/lowest labels overlap nothing, step
names show whole, a drag still edits the kernel's DataFrame, and the widget colours
personas as the altair chart does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pandas.testing as pdt

from .lab import Lab, open_notebook, run_cell, wait_for_file

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import pandas as pd
from cjm_widgets import EmotionCurve
STEPS = [
    ("Découverte", "Voit une publicité en ligne"),
    ("Découverte", "Voit la publication d'un ami"),
    ("Découverte", "Entend parler du magasin"),
    ("Découverte", "Visite le site pour la première fois"),
    ("Découverte", "S'abonne à la lettre d'information"),
    ("Considération", "Compare les modèles"),
    ("Considération", "Lit les avis des clients"),
    ("Considération", "Consulte le guide des tailles"),
    ("Considération", "Pose une question au chat"),
    ("Considération", "Ajoute un article aux favoris"),
    ("Considération", "Demande conseil à un proche"),
    ("Considération", "Vérifie les frais de livraison"),
    ("Achat", "Ajoute au panier"),
    ("Achat", "Crée un compte client"),
    ("Achat", "Saisit l'adresse de livraison"),
    ("Achat", "Choisit le mode de paiement"),
    ("Achat", "Paie par carte bancaire"),
    ("Achat", "Reçoit la confirmation de commande"),
    ("Livraison", "Suit le colis en ligne"),
    ("Livraison", "Reçoit un SMS du livreur"),
    ("Livraison", "Attend le livreur à la maison"),
    ("Livraison", "Récupère le colis en point relais"),
    ("Livraison", "Ouvre le colis"),
    ("Livraison", "Essaie les vêtements"),
    ("Fidélisation", "Retourne un article trop petit"),
    ("Fidélisation", "Attend le remboursement"),
    ("Fidélisation", "Répond à l'enquête de satisfaction"),
    ("Fidélisation", "Laisse un avis sur le site"),
    ("Fidélisation", "Reçoit un code de réduction"),
    ("Fidélisation", "Recommande la marque à une amie"),
    ("Fidélisation", "Revient pour un deuxième achat"),
    ("Fidélisation", "Rejoint le programme de fidélité"),
]
# Steps only Bo has sit between Ana's (a first-appearance order would put them last in
# their stage), and Ana has steps Bo skips.
SKIP = {"Ana": {2, 8, 13, 21, 29}, "Bo": {1, 4, 10, 19, 24, 31}}
rows = []
for persona, skip in SKIP.items():
    for i, (stage, step) in enumerate(STEPS):
        if i not in skip:
            shift = 0 if persona == "Ana" else 3
            rows.append({
                "persona": persona, "stage": stage, "step": step,
                "emotion": float((i * 5 + shift) % 7 - 3),
                "moment_of_truth": "one-off" if i in (3, 12, 16, 20, 26) else None,
            })
df = pd.DataFrame(rows, index=pd.RangeIndex(100, 100 + len(rows), name="row"))
answers = pd.DataFrame({
    "persona": ["Ana"] * 9 + ["Bo"] * 6,
    "step": ["Compare les modèles"] * 3 + ["Paie par carte bancaire"] * 3
    + ["Ouvre le colis"] * 3 + ["Ouvre le colis"] * 3 + ["Ajoute au panier"] * 3,
    "score": [-2, -1, -3, 1, 2, 3, 3, 2, 3, -1, 0, 1, 2, 1, 3],
})
c = EmotionCurve(df, persona="persona", evidence=answers)
c"""

MANY = """many = pd.DataFrame({
    "persona": [f"Persona {i}" for i in range(9) for _ in range(2)],
    "stage": ["Découverte", "Achat"] * 9,
    "step": ["Voit une publicité en ligne", "Paie par carte bancaire"] * 9,
    "emotion": [float(i % 7 - 3) for i in range(18)],
})
c9 = EmotionCurve(many, persona="persona")
c9"""

CHECK = """import json
c.data.to_pickle('layout.pkl')
chart = c9.to_altair().to_dict()
scale = next(l["encoding"]["color"]["scale"] for l in chart["layer"]
             if "scale" in l.get("encoding", {}).get("color", {}))
json.dump({"domain": scale["domain"], "range": scale["range"],
           "position": c.points()[["persona", "step", "position"]].values.tolist()},
          open('layout.json', 'w'))"""

# A new user's journey: two personas, 30 French steps, survey evidence at shared steps, steps
# with no emotion yet, the lowest points of both at the last steps (their labels crowd the
# right edge), and moments of truth of every kind.
FRENCH = """import numpy as np
FR = ["Voit une pub « Été 2024 »", "Lit un article de blog", "Demande l'avis d'un ami",
      "Visite le site", "S'inscrit à la newsletter", "Compare les offres", "Lit les avis",
      "Consulte la FAQ", "Pose une question au chat", "Ajoute aux favoris", "Ajoute au panier",
      "Crée un compte", "Saisit l'adresse", "Choisit la livraison", "Paie en ligne",
      "Reçoit la confirmation", "Suit le colis", "Reçoit un SMS", "Attend le livreur",
      "Reçoit le colis", "Ouvre le colis", "Installe le produit", "Lit la notice",
      "Constate une panne", "Renvoie le produit", "Attend le remplacement",
      "Reçoit le remplacement", "Laisse un avis", "Appelle la hotline du service client",
      "Déclare un défaut"]
STAGES = (["Découverte"] * 5 + ["Considération"] * 5 + ["Achat"] * 6 + ["Livraison"] * 5
          + ["SAV"] * 9)
KINDS = {3: "one-off", 10: "cross-journey", 19: "moment", 28: "cross-journey"}
fr = []
for who, shift in (("Camille", 0), ("Léo", 1)):
    for i, (stage, step) in enumerate(zip(STAGES, FR)):
        e = float((i * 3 + shift) % 7 - 3)
        e = np.nan if i in (4, 13, 24) else 3.0 if i == 19 else e
        e = {28: -2.0, 29: -3.0} [i] if i >= 28 and who == "Camille" else e
        e = {28: -3.0, 29: -2.0} [i] if i >= 28 and who == "Léo" else e
        fr.append({"persona": who, "stage": stage, "step": step, "emotion": e,
                   "moment_of_truth": KINDS.get(i)})
fr = pd.DataFrame(fr)
fr_answers = pd.DataFrame([
    {"persona": who, "step": step, "score": score}
    for who in ("Camille", "Léo")
    for step, scores in (("Paie en ligne", [0, 1, -1, 1]),
                         ("Déclare un défaut", [-3, -3, -2, -3, -3, -2]),
                         ("Appelle la hotline du service client", [-3, -3, -3, -2, -3, -3, -3]))
    for score in scores])
c_fr = EmotionCurve(fr, persona="persona", evidence=fr_answers)
c_fr"""

# Every drawn element's box and data, in page pixels.
BOXES = """(root) => {
  const box = (e) => { const b = e.getBoundingClientRect();
    return {x: b.x, y: b.y, width: b.width, height: b.height}; };
  const all = (sel) => [...root.querySelectorAll(sel)];
  return {
    points: all("circle.cjm-point").map((e) => ({
      box: box(e), cx: Number(e.getAttribute("cx")), position: Number(e.dataset.position),
      line: Number(e.dataset.line), label: e.getAttribute("aria-label")})),
    names: all("text.cjm-step-label").map((e) => ({
      box: box(e), x: Number(e.getAttribute("x")), position: Number(e.dataset.position),
      title: e.querySelector("title").textContent,
      shown: [...e.querySelectorAll("tspan")].map((t) => t.textContent).join(" ")})),
    extremes: all("text.cjm-extreme").map((e) => ({box: box(e), text: e.textContent})),
    missing: all("circle.cjm-point.is-missing").map((e) => ({
      cy: Number(e.getAttribute("cy")), cx: Number(e.getAttribute("cx")),
      text: e.getAttribute("aria-valuetext"), position: Number(e.dataset.position)})),
    whiskers: all("path.cjm-interval").map((e) => ({
      position: Number(e.dataset.position), line: Number(e.closest("g.cjm-line").dataset.line),
      xs: [...e.getAttribute("d").matchAll(/[MH](-?[\\d.]+)/g)].map((m) => Number(m[1]))})),
    stars: all("text.cjm-moment").map((e) => ({kind: e.dataset.moment,
      fill: getComputedStyle(e).fill, shape: e.dataset.shape})),
    rings: all("circle.cjm-moment-ring").length,
    paths: all("path.cjm-path").map((e) => e.getAttribute("d")),
    moments: all("text.cjm-moment").map(box),
    counts: all("text.cjm-n").map(box),
    plot: box(root.querySelector("svg.cjm-plot")),
    axis: box(root.querySelector("svg.cjm-axis")),
  };
}"""


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def setup_frame() -> pd.DataFrame:
    namespace: dict[str, Any] = {}
    exec(SETUP.rsplit("answers =", 1)[0], namespace)
    return namespace["df"]


def test_two_personas_line_up_labels_clear_names_whole_and_a_drag_edits(page, lab: Lab):
    lab.write_notebook("layout.ipynb", [SETUP, MANY, CHECK, FRENCH, "c_fr.line = 'assumed'"])
    open_notebook(page, lab, "layout.ipynb")
    run_cell(page, 0)
    page.wait_for_selector(".cjm-emotion-curve circle.cjm-point", timeout=60_000)
    run_cell(page, 1)
    page.wait_for_function(
        "document.querySelectorAll('.cjm-emotion-curve').length === 2", timeout=60_000
    )
    curve = page.locator(".cjm-emotion-curve").first
    curve.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # let a resize redraw settle
    frame = setup_frame()
    got = curve.evaluate(BOXES)
    ARTIFACTS.mkdir(exist_ok=True)
    curve.screenshot(path=str(ARTIFACTS / "emotion_curve_layout.png"))

    # Every step is drawn once on the x axis, 32 of them, in each persona's own order.
    names = {n["position"]: n for n in got["names"]}
    assert len(names) == 32
    ana = [p for p in got["points"] if p["line"] == 0]
    bo = [p for p in got["points"] if p["line"] == 1]
    assert (len(ana), len(bo)) == (27, 26)
    for line, persona in ((ana, "Ana"), (bo, "Bo")):
        steps = frame.loc[frame["persona"] == persona, "step"].tolist()
        assert [p["label"].split(",")[0] for p in line] == steps
        assert [p["position"] for p in line] == sorted(p["position"] for p in line)
        for p in line:
            # The point sits at the x of the step named under it.
            name = names[p["position"]]
            assert abs(p["cx"] - name["x"]) < 0.5
            assert p["label"].startswith(name["title"] + ", ")
    # A step only Bo has lies between its neighbours, not at the end of its stage.
    position = {n["title"]: n["position"] for n in got["names"]}
    assert (
        position["Voit une publicité en ligne"]
        < position["Entend parler du magasin"]
        < position["Visite le site pour la première fois"]
    )

    # Highest/lowest labels: one pair per persona, overlapping nothing.
    labels = [e["box"] for e in got["extremes"]]
    assert len(labels) == 4, got["extremes"]
    others = got["moments"] + got["counts"] + [p["box"] for p in got["points"]]
    others += [n["box"] for n in got["names"]] + [got["axis"]]
    for i, a in enumerate(labels):
        assert a["y"] + a["height"] <= got["plot"]["y"] + 262, a  # above the x axis
        for b in labels[i + 1 :] + others:
            assert not overlap(a, b), (a, b)

    # Step names show whole: their full text, within the plot (the start is not cut).
    for name in got["names"]:
        assert name["shown"] == name["title"], name
        assert name["box"]["x"] >= got["plot"]["x"] - 0.5, name
        assert name["box"]["y"] + name["box"]["height"] <= got["plot"]["y"] + got["plot"]["height"]

    # The widget's persona colours are the chart's, for nine personas.
    colours = (
        page.locator(".cjm-emotion-curve")
        .nth(1)
        .evaluate(
            "(root) => [...root.querySelectorAll('g.cjm-line')].map((g) => "
            "g.style.getPropertyValue('--cjm-line').trim())"
        )
    )

    # Drag Ana's "Ajoute un article aux favoris" (assumed, unmeasured) to the top of the scale.
    dot = curve.locator('circle[aria-label="Ajoute un article aux favoris, Considération, Ana"]')
    box = dot.bounding_box()
    x, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    top = got["plot"]["y"] + 40  # above the scale's top (+3): the value clamps there
    before = int(curve.get_attribute("data-revision"))
    page.mouse.move(x, y0)
    page.mouse.down()
    for k in range(1, 21):
        page.mouse.move(x, y0 + (top - 4 - y0) * k / 20)
        page.wait_for_timeout(20)
    page.mouse.up()
    page.wait_for_function(
        f"Number(document.querySelector('.cjm-emotion-curve').dataset.revision) > {before}",
        timeout=20_000,
    )
    page.wait_for_function(
        "document.querySelector('.cjm-emotion-curve circle[aria-label=\"Ajoute un article aux "
        "favoris, Considération, Ana\"]').getAttribute('aria-valuenow') === '3'",
        timeout=20_000,
    )

    page.mouse.move(5, 5)  # no hover and no focus: the screenshot shows no tooltip
    page.evaluate("document.activeElement.blur()")
    page.wait_for_timeout(200)
    curve.screenshot(path=str(ARTIFACTS / "emotion_curve_layout.png"))

    run_cell(page, 2)
    wait_for_file(lab.root / "layout.json")
    state = json.loads((lab.root / "layout.json").read_text())
    assert colours == state["range"]
    assert len(colours) == 9
    # Python's positions are the ones drawn.
    drawn = {
        (["Ana", "Bo"][p["line"]], p["label"].split(",")[0]): p["position"] for p in got["points"]
    }
    assert {(persona, step): pos for persona, step, pos in state["position"]} == drawn
    expected = frame.copy()
    expected.loc[
        (expected["persona"] == "Ana") & (expected["step"] == "Ajoute un article aux favoris"),
        "emotion",
    ] = 3.0
    pdt.assert_frame_equal(pd.read_pickle(lab.root / "layout.pkl"), expected)

    # The French journey, in both lines (measured first: evidence makes it the default).
    run_cell(page, 3)
    page.wait_for_function(
        "document.querySelectorAll('.cjm-emotion-curve').length === 3", timeout=60_000
    )
    french = page.locator(".cjm-emotion-curve").nth(2)
    french.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    for mode in ("measured", "assumed"):
        if mode == "assumed":
            run_cell(page, 4)
            page.wait_for_function(
                "document.querySelectorAll('.cjm-emotion-curve')[2].querySelector("
                "'input[value=assumed]').checked",
                timeout=20_000,
            )
            page.wait_for_timeout(300)
        fr = french.evaluate(BOXES)
        french.screenshot(path=str(ARTIFACTS / f"emotion_curve_french_{mode}.png"))
        plot = fr["plot"]
        labels = fr["extremes"]
        assert len(labels) >= 3, (mode, labels)
        texts = [e["text"] for e in labels]
        assert any(t.startswith("lowest: ") for t in texts), texts
        for i, a in enumerate(labels):
            # Inside the whole drawing (its right edge too), clear of every other label.
            box = a["box"]
            assert box["x"] >= plot["x"] - 0.5, (mode, a)
            assert box["x"] + box["width"] <= plot["x"] + plot["width"] + 0.5, (mode, a, plot)
            for b in labels[i + 1 :]:
                assert not overlap(box, b["box"]), (mode, a, b)
            for b in [p["box"] for p in fr["points"]] + fr["moments"] + fr["counts"]:
                assert not overlap(box, b), (mode, a, b)
        # Steps with no emotion: marks on the x axis's baseline, off the scale, not on a line.
        assert len(fr["missing"]) == 6
        for m in fr["missing"]:
            assert m["cy"] > 246, m  # below the scale's -3 (240)
            assert m["text"] == "no value yet", m
            assert all(f",{m['cy']:g}" not in d for d in fr["paths"]), m
        # At a shared measured step, the two personas' whiskers do not share an x.
        at: dict[int, list[list[float]]] = {}
        for w in fr["whiskers"]:
            at.setdefault(w["position"], []).append(w["xs"])
        shared = [xs for xs in at.values() if len(xs) == 2]
        assert len(shared) == 3, at
        for a_xs, b_xs in shared:
            assert max(a_xs) < min(b_xs) or max(b_xs) < min(a_xs), (a_xs, b_xs)
        # ★ by kind: the map's colours (cross-journey apart) and a shape per kind.
        fills = {s["kind"]: (s["fill"], s["shape"]) for s in fr["stars"]}
        assert set(fills) == {"one-off", "cross-journey", "moment"}, fills
        assert len({shape for _, shape in fills.values()}) == 3
        assert fills["cross-journey"][0] != fills["one-off"][0]
        assert fr["rings"] == 2
    page.mouse.move(5, 5)
    assert page.js_errors == []
