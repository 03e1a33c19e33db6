"""Comparison, filières, import and "À propos des données" pages."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import streamlit as st

from essdash.errors import UserError
from essdash.formatting import fmt_int, fmt_share
from essdash.indicators import store
from essdash.indicators.filieres import Filiere, load_filieres, parse_codes
from essdash.indicators.perimeter import PERIMETER_CHOICES, load_perimeter
from essdash.ui import state
from essdash.ui.quant import charts, data, evolution, lists, pages, widgets
from essdash.ui.workshop import actions

KINDS = {
    "sirene_e": "Sirene – établissements",
    "sirene_u": "Sirene – unités légales",
    "cog": "Géographie (COG, EPCI)",
    "contours": "Contours GeoJSON",
    "urssaf": "Effectifs URSSAF",
    "historique": "Sirene – historique des établissements (StockEtablissementHistorique)",
}


def comparison() -> None:
    lists.flash()
    lists.editor("quant_compare_0")
    choice = widgets.pick_perimeter()
    columns = st.columns(3)
    keys: list[str] = []
    defaults = _comparison_defaults()
    for i, column in enumerate(columns):
        with column:
            picked = widgets.pick_territory(
                f"Territoire {i + 1}", key=f"quant_compare_{i}", default=defaults[i]
            )
            if picked and picked not in keys:
                keys.append(picked)
    if not keys or not store.has_establishments():
        return
    reports = [
        data.report(k, ("france:FR",), choice, None, None, data.data_version()) for k in keys
    ]
    rows = []
    for label, key, fmt in widgets.TILES:
        rows.append(
            {
                "Indicateur": label,
                **{r.main.territory.name: fmt(widgets.value_of(r.main, key)) for r in reports},
                "France": fmt(widgets.value_of(reports[0].references[0], key)),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    shares = []
    for r in reports:
        table = r.main.tables["by_family"]
        hidden = {c.key for c in r.main.secret if c.table == "by_family"}
        for key, row in table.iterrows():
            if key not in hidden and r.main.ess_establishments:
                shares.append(
                    {
                        "territory": r.main.territory.name,
                        "label": row["label"],
                        "share": row["establishments"] / r.main.ess_establishments,
                    }
                )
    if shares:
        charts.comparison(pd.DataFrame(shares), "share", "Familles dans l'ESS de chaque territoire")
    evolution.comparison(reports, choice)


def _comparison_defaults() -> list[str | None]:
    """Three different territories to start with: the default one, then EPCI and départements."""
    choices = data.territory_options(data.data_version())
    first = widgets.DEFAULT_TERRITORY
    others = [
        k
        for k in choices
        if k.split(":")[0] in ("epci", "departement", "liste", "region") and k != first
    ]
    return [first, *others[:2], None, None][:3]


def filieres() -> None:
    chosen = widgets.choose(with_references=True)
    if chosen is None or not store.has_establishments():
        return
    territory, references, choice = chosen
    options = {f.key: f for f in load_filieres()}
    key = st.radio(
        "Filière", list(options), format_func=lambda k: options[k].label, horizontal=True
    )
    text = st.text_input(
        "Codes NAF de la filière (un préfixe couvre les codes en dessous)",
        " ".join(options[key].codes),
        key=f"filiere_codes_{key}",
    )
    try:
        filiere = Filiere(key, options[key].label, parse_codes(text))
    except UserError as error:
        st.error(str(error))
        return
    report = data.report(
        territory, references, choice, filiere.prefixes, filiere.label, data.data_version()
    )
    st.subheader(f"{filiere.label} – {report.main.territory.name}")
    widgets.tiles(report)
    charts.bar(report.main, "by_family")
    pages.downloads(report, f"filiere_{key}")


def _save_upload(upload: object) -> Path:
    """The upload staged once (a .zip checked and extracted once); reruns reuse it."""
    from essdash.importers import uploads

    key = str(getattr(upload, "file_id", "") or getattr(upload, "name", "envoi"))
    uploads.sweep(keep=key)
    return uploads.stage(upload.name, upload.getbuffer(), key)  # type: ignore[attr-defined]


def import_page() -> None:
    kind = st.selectbox("Type de fichier", list(KINDS), format_func=KINDS.__getitem__)
    upload = st.file_uploader(
        "Fichier à importer", type=["csv", "zip", "parquet", "json", "geojson"]
    )
    st.caption(
        "Pour les fichiers nationaux (plusieurs Go), utilisez la ligne de commande : "
        "`python -m essdash import-sirene --etablissements …` (voir docs/quantitatif.md)."
    )
    if upload is None:
        state.set_import_outcome(None)
        _status()
        return
    done_key = f"{upload.file_id}:{kind}"  # another type chosen: the same file is tried again
    outcome = state.import_outcome(done_key)
    if outcome is not None:
        (st.success if outcome[0] else st.error)(outcome[1])
        st.info(
            "Fichier traité et retiré du serveur : enlevez-le ci-dessus pour en importer un autre."
        )
        return
    from essdash.importers import uploads

    path: Path | None = None
    try:
        path = _save_upload(upload)
        if kind.startswith("sirene"):
            from essdash.importers.sirene import preview_sirene

            st.dataframe(preview_sirene(path), width="stretch")
    except UserError as error:
        if path is not None:
            uploads.discard(path)
        message = f"Import refusé, rien n'a changé. {error}"
        state.set_import_outcome(done_key, False, message)
        st.error(message)
        return
    if st.button("Importer", type="primary"):
        ok, message = _run_import(kind, path)
        state.set_import_outcome(done_key, ok, message)


def _run_import(kind: str, path: Path) -> tuple[bool, str]:
    """Import the staged file, show the outcome, then remove the file whatever happened."""
    from essdash.importers import uploads

    bar = st.progress(0.0, text="Import en cours…")
    started = time.perf_counter()
    try:
        message = _dispatch(kind, path, lambda f, m: bar.progress(min(f, 1.0), text=m))
    except UserError as error:
        bar.empty()
        refused = f"Import refusé, rien n'a changé. {error}"
        st.error(refused)
        return False, refused
    except Exception:  # a bug must not show a traceback to the facilitator; the log keeps it
        import logging

        logging.getLogger(__name__).exception("import of %s failed", path.name)
        bar.empty()
        refused = (
            f"Import refusé, rien n'a changé. {path.name} : lecture impossible "
            "(erreur inattendue, détaillée dans le journal du serveur)."
        )
        st.error(refused)
        return False, refused
    finally:
        uploads.discard(path)
    bar.progress(1.0, text="Terminé")
    st.cache_data.clear()
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    done = f"{message} ({seconds} s)"
    st.success(done)
    return True, done


def _dispatch(kind: str, path: Path, progress: object) -> str:
    if kind == "sirene_e":
        from essdash.importers.sirene import import_sirene

        r = import_sirene(path, progress=progress)  # type: ignore[arg-type]
        return f"{fmt_int(r.establishments)} établissements importés ({fmt_int(r.active)} actifs)."
    if kind == "sirene_u":
        raise UserError(
            "Importez les unités légales avec le fichier des établissements (ligne de commande)."
        )
    if kind == "historique":
        return evolution.import_history_file(path)
    if kind == "urssaf":
        from essdash.importers.urssaf import import_urssaf

        u = import_urssaf(path)
        return f"{fmt_int(u.rows)} lignes URSSAF importées ({u.years})."
    from essdash.importers.cog import import_cog_file
    from essdash.importers.contours import import_contours

    # the UI's one write path: one transaction, nothing written when refused
    return actions.write(
        lambda s: import_cog_file(s, path) if kind == "cog" else import_contours(s, path)
    )


def _status() -> None:
    st.markdown(
        f"**Données Sirene :** {'importées' if store.has_establishments() else 'absentes'}"
        f" · **Effectifs URSSAF :** {'importés' if store.urssaf_path().is_file() else 'absents'}"
    )


def about() -> None:
    p = load_perimeter()
    st.markdown("Périmètres disponibles : " + " ; ".join(PERIMETER_CHOICES.values()) + ".")
    st.markdown(
        "Le **périmètre statistique** (par défaut) retient quatre familles de formes "
        "juridiques ; le **périmètre légal** ajoute les sociétés commerciales de l'ESS "
        "(`economieSocialeSolidaireUniteLegale = O`)."
    )
    families = pd.DataFrame(
        [
            {
                "Famille": p.families[f],
                "Catégories juridiques": ", ".join(
                    sorted(c for c, k in p.cj_family.items() if k == f)
                ),
            }
            for f in p.families
        ]
    )
    st.subheader("Familles")
    st.dataframe(families, hide_index=True, width="stretch")
    st.subheader("Activités exclues (NAF rév. 2)")
    st.dataframe(
        pd.DataFrame({"Code": list(p.excluded_naf), "Motif": list(p.excluded_naf.values())}),
        hide_index=True,
    )
    st.subheader("Tranches d'effectifs et centres retenus pour l'estimation")
    st.dataframe(
        pd.DataFrame(
            {
                "Tranche": list(p.size_labels),
                "Effectif": list(p.size_labels.values()),
                "Centre": list(p.size_midpoints.values()),
            }
        ),
        hide_index=True,
    )
    st.markdown(
        f"**Secret statistique** : case masquée (« s ») sous {p.secret_min_establishments} "
        f"établissements ou si un établissement détient plus de {fmt_share(p.secret_dominance, 0)} "
        "des salariés ; secret secondaire quand une seule case d'un tableau est masquée."
    )
    st.caption(f"Fichier du périmètre : {p.source}")
