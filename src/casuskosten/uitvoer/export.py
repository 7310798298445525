"""Export van het resultaat naar Excel (xlsx), CSV (één bestand per tabel; `csv` of `csv-nl`) of JSON, voor analisten.

Leest alleen het `Resultaat`; bedragen blijven onafgerond. In CSV en JSON staan percentages op de schaal 0..100 en
aandelen op 0..1. In Excel zijn percentages breuken met een procentnotatie (de kop zegt "(aandeel)"), bedragen hebben
een euronotatie, datums zijn datums, de kopregel staat vast met een filter, en het werkblad `instellingen` noemt
prijspeil, elke instelling met de bron van elk getal van de opschaling, de versie en de SHA-256 van elk
invoerbestand. Dezelfde invoer geeft dezelfde bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..argumenten import publiek
from ..fouten import gemaskeerd
from ..invoer.tekens import ONGELDIG
from ..rekenen.resultaat import TABELLEN, Resultaat, tabelkolommen, uitleg
from ..velden import TEKST, Eenheid, label
from .bestanden import (
    Beschermd,
    controleer_uitvoermap,
    controleer_uitvoerpad,
    invoer_van,
    kies_formaat,
    schrijf_atomair,
    schrijf_bestanden,
)
from .document import versie

FORMATEN: tuple[str, ...] = ("xlsx", "csv", "csv-nl", "json")


def tabellen(resultaat: Resultaat) -> dict[str, pd.DataFrame]:
    """De exporttabellen (zie `Resultaat.tabellen`): dezelfde kolommen als `resultaat.tabel(naam)`."""
    return resultaat.tabellen()


# Tekens waarmee een spreadsheet een cel als formule leest (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab, CR
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def _schone_tekst(waarde: object) -> object:
    """Tekst zonder de tekens die een xlsx-bestand niet mag bevatten (die worden U+FFFD); de rest blijft.

    De invoer weigert ze al (`invoer.tekens`); wat hier nog langskomt, komt uit een bestandsnaam of pad. Niet alleen
    openpyxl's stuurtekens: ook U+FFFE/U+FFFF (Excel noemt het bestand dan beschadigd) en losse surrogaten (een
    bestandsnaam die geen UTF-8 is), die openpyxl zonder klagen of met een traceback schrijft."""
    if isinstance(waarde, str):
        return ONGELDIG.sub("\ufffd", waarde)
    return waarde


def _onschadelijk_csv(waarde: object) -> object:
    """Een tekstcel die een spreadsheet als formule zou lezen, krijgt een `'` ervoor; getallen blijven getallen."""
    waarde = _schone_tekst(waarde)
    if isinstance(waarde, str) and waarde.startswith(_FORMULETEKENS):
        return "'" + waarde
    return waarde


def _teksten(tabel: pd.DataFrame, omzetten: Callable[[object], object]) -> pd.DataFrame:
    """`omzetten` op elke cel van de tekstkolommen; getalkolommen blijven onaangeroerd (-12,5 blijft een getal)."""
    tabel = tabel.copy()
    for kolom in tabel.columns:
        if pd.api.types.is_object_dtype(tabel[kolom]) or pd.api.types.is_string_dtype(tabel[kolom]):
            tabel[kolom] = tabel[kolom].map(omzetten).astype(object)
    return tabel


#: de rij met de leesbare koppen; rij 1 houdt de kolomnamen (pandas: `pd.read_excel(pad, skiprows=[1])`)
LABELRIJ = 2
#: de eerste rij met gegevens
EERSTE_RIJ = 3

AANDEEL_KOP = " (aandeel)"


def _eenheden(naam: str) -> dict[str, Eenheid]:
    return {k.naam: k.eenheid for k in tabelkolommen(naam)}


def _celwaarde(waarde: object, eenheid: Eenheid | None) -> object:
    """Een Python-waarde voor openpyxl: NaN leeg, datums als datum, percentages als breuk, tekst zonder
    stuurtekens."""
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return None
    if isinstance(waarde, pd.Timestamp):
        return waarde.date()
    if hasattr(waarde, "item") and not isinstance(waarde, str):  # numpy-getal -> Python-getal
        waarde = waarde.item()
    if eenheid is not None and eenheid.als_breuk and isinstance(waarde, int | float) and not isinstance(waarde, bool):
        return waarde / 100
    return _schone_tekst(waarde)


#: de afdrukbare breedte van A4 liggend (29,7 cm) met marges van 1,27 cm, in pixels van 96 dpi op 100%
_PAPIERBREEDTE = (11.69 - 2 * 0.5) * 96
#: de kleinste schaal waarop een afdruk nog leesbaar is; een breder werkblad krijgt meer pagina's naast elkaar
KLEINSTE_SCHAAL = 0.65
#: kolommen die op elke pagina links herhaald worden als een werkblad meer dan één pagina breed is
_SLEUTELKOLOMMEN = ("id", "casus", "gemeente", "instelling", "tabel", "kolom")
#: de breedste kolom (in tekens): langere tekst (een kernboodschap, een bron) staat heel in de cel maar wordt op het
#: scherm en op papier afgekapt; doorlopen op meer regels maakte van de demo 125 pagina's
_BREEDSTE = 40


def kolombreedte_pixels(breedte: float) -> float:
    """Een kolombreedte van Excel (tekens van Calibri 11) in pixels: 7 per teken plus 5 marge."""
    return breedte * 7 + 5


def paginas_breed(breedtes: Sequence[float], herhaald: Sequence[float] = ()) -> int:
    """Hoeveel pagina's naast elkaar een werkblad nodig heeft om op minstens `KLEINSTE_SCHAAL` te drukken, met de
    kolommen `herhaald` op elke pagina."""
    per_pagina = _PAPIERBREEDTE / KLEINSTE_SCHAAL
    vast = sum(kolombreedte_pixels(b) for b in herhaald)
    rest = sum(kolombreedte_pixels(b) for b in breedtes) - vast
    if rest + vast <= per_pagina:
        return 1
    return max(1, -(-int(rest) // int(per_pagina - vast)))


def _afdrukken(blad: Worksheet, koppen: Sequence[str], breedtes: Sequence[float]) -> None:
    """Afdrukken op A4 liggend, zo veel pagina's breed als nodig om leesbaar te blijven (schaal minstens 65%; één
    pagina breed op 10% is onleesbaar), zo hoog als nodig, de twee koprijen op elke pagina en bij een breed werkblad
    links de sleutelkolommen (id, gemeente ...), met rasterlijnen en "pagina x van y" in de voettekst."""
    aantal = 0
    while aantal < min(2, len(koppen)) and koppen[aantal] in _SLEUTELKOLOMMEN:
        aantal += 1
    herhaald = list(breedtes[:aantal])
    breed = paginas_breed(breedtes, herhaald)
    blad.page_setup.orientation = "landscape"
    blad.page_setup.paperSize = blad.PAPERSIZE_A4
    blad.page_margins.left = blad.page_margins.right = 0.5
    blad.page_setup.fitToWidth = breed
    blad.page_setup.fitToHeight = 0  # 0: zoveel pagina's hoog als nodig
    blad.page_setup.pageOrder = "overThenDown"  # een rij lezen: eerst de pagina's ernaast
    blad.sheet_properties.pageSetUpPr.fitToPage = True
    blad.print_title_rows = f"1:{LABELRIJ}"
    if breed > 1 and aantal:
        blad.print_title_cols = f"A:{get_column_letter(aantal)}"
    blad.print_options.gridLines = True
    blad.oddFooter.center.text = "pagina &P van &N"


def _labelbreedte(tekst: str) -> int:
    """De breedte waarin een kop op hooguit drie regels past zonder een woord te breken."""
    langste = max((len(w) for w in tekst.split()), default=0)
    return min(max(langste, -(-len(tekst) // 3), 8), 30)


#: de hoogte van een regel tekst in punten: Calibri 11 (de gegevens en koppen) en 8 (de kolomnamen in rij 1)
_REGEL, _KLEINE_REGEL = 15.0, 11.5


def _regels(tekst: str, breedte: int) -> int:
    """Op hoeveel regels tekst in een kolom van `breedte` tekens komt (op woorden; een te lang woord breekt)."""
    return max(1, len(textwrap.wrap(tekst, width=max(breedte, 1), break_long_words=True)))


def _rijhoogten(blad: Worksheet, breedtes: Sequence[int]) -> None:
    """Een vaste hoogte voor de koprijen, waarvan de tekst doorloopt: LibreOffice past de hoogte bij het openen niet
    zelf aan (Excel niet altijd), en dan vallen de regels over de volgende rij heen."""
    for rij in blad.iter_rows(max_row=LABELRIJ):
        regels, hoogte = 1, _REGEL
        for cel, breedte in zip(rij, breedtes, strict=True):
            if not isinstance(cel.value, str) or not cel.alignment.wrap_text:
                continue
            if cel.row == 1:  # 8 punten: ruim 1,2 keer zo veel tekens per regel
                hoogte = max(hoogte, _regels(cel.value, int(breedte * 1.2)) * _KLEINE_REGEL)
            else:
                regels = max(regels, _regels(cel.value, breedte))
        hoogte = max(hoogte, regels * _REGEL)
        if hoogte > _REGEL:
            blad.row_dimensions[rij[0].row].height = hoogte


def _werkblad(werkmap: Workbook, naam: str, tabel: pd.DataFrame, eenheden: dict[str, Eenheid]) -> None:
    blad = werkmap.create_sheet(naam)
    koppen = [str(k) for k in tabel.columns]
    soorten = [eenheden.get(k) for k in koppen]
    breuk = [e is not None and e.als_breuk for e in soorten]
    blad.append([k + AANDEEL_KOP if b else k for k, b in zip(koppen, breuk, strict=True)])
    labels = [label(k, e if e is not None else TEKST) for k, e in zip(koppen, soorten, strict=True)]
    blad.append(labels)
    for cel in blad[1]:
        # de kolomnaam is voor pandas en voor het werkblad uitleg: klein, en doorlopend als hij breder is dan de kolom
        cel.font = Font(name="Calibri", bold=True, size=8, color="555555")
        cel.alignment = Alignment(wrap_text=True, vertical="top")
    for cel in blad[LABELRIJ]:
        cel.font = Font(name="Calibri", bold=True)  # zonder naam kiest LibreOffice een schreefletter
        cel.alignment = Alignment(wrap_text=True, vertical="top")
    notaties = [e.notatie if e is not None else None for e in soorten]
    breedtes = [_labelbreedte(t) for t in labels]
    for rij in tabel.itertuples(index=False, name=None):
        waarden = [_celwaarde(w, e) for w, e in zip(rij, soorten, strict=True)]
        blad.append(waarden)
        for i, w in enumerate(waarden):
            if isinstance(w, bool) or w is None:
                lengte = 5
            elif isinstance(w, int | float):
                lengte = len(f"{abs(w):,.0f}") + 5  # "€ -" en decimalen
            else:
                lengte = len(str(w))
            breedtes[i] = max(breedtes[i], min(lengte, _BREEDSTE))
    for rij in blad.iter_rows(min_row=EERSTE_RIJ):
        for cel, notatie in zip(rij, notaties, strict=True):
            # openpyxl maakt van elke tekst die met '=' begint een formule; wij schrijven nooit formules
            if cel.data_type == "f":
                cel.data_type = "s"
            if notatie is not None and cel.value is not None and cel.data_type in ("n", "d"):
                cel.number_format = notatie
    for i, breedte in enumerate(breedtes, start=1):
        blad.column_dimensions[get_column_letter(i)].width = breedte + 2
    _rijhoogten(blad, breedtes)
    blad.freeze_panes = f"A{EERSTE_RIJ}"  # de koprijen blijven staan bij scrollen
    # het filter hangt aan de leesbare koppen (rij 2), zodat rij 1 niet als gegevens wordt gefilterd
    blad.auto_filter.ref = f"A{LABELRIJ}:{get_column_letter(max(len(koppen), 1))}{max(blad.max_row, LABELRIJ)}"
    _afdrukken(blad, koppen, [b + 2 for b in breedtes])


def instellingen(resultaat: Resultaat) -> pd.DataFrame:
    """Het werkblad instellingen: prijspeil, elke instelling (ook geneste) met in de kolom bron de bron van elk getal
    van de opschaling dat er een heeft (leeg: geen bron), de versie en elk invoerbestand met SHA-256 (ook het
    instellingenbestand)."""
    ins = resultaat.instellingen
    rijen: list[tuple[str, object, str]] = [
        ("prijspeil", resultaat.prijspeil, ""),
        ("versie casuskosten", versie(), ""),
    ]

    def bron(pad: str) -> str:
        if not pad.startswith(("opschaling.", "formatie.")):
            return ""
        try:
            return ins.bron(pad) or ""
        except ValueError:  # geen getal met een bron (formatie.teamuren_tarieven)
            return ""

    def plat(voorvoegsel: str, waarde: object) -> None:
        if isinstance(waarde, dict):
            for sleutel, deel in waarde.items():
                if sleutel != "bronnen":  # de bronnen staan in de kolom bron, naast hun getal
                    plat(f"{voorvoegsel}.{sleutel}" if voorvoegsel else str(sleutel), deel)
        elif isinstance(waarde, list):  # bv. formatie.teamuren_tarieven: één cel, komma-gescheiden
            rijen.append((voorvoegsel, ", ".join(str(w) for w in waarde), ""))
        elif voorvoegsel != "prijspeil":  # staat al bovenaan, als het gekozen prijspeil
            rijen.append((voorvoegsel, "" if waarde is None else waarde, bron(voorvoegsel)))

    plat("", ins.naar_dict())
    if ins.bestand is not None and ins.sha256 is not None:
        rijen.append((f"sha256 {ins.bestand}", ins.sha256, ""))
    for cb in resultaat.casusbestanden:
        rijen.append((f"sha256 {gemaskeerd(cb.bestand)}", cb.document.sha256, ""))
    for bestand, sha in resultaat.tariefbestanden:
        rijen.append((f"sha256 {bestand}", sha, ""))
    return pd.DataFrame(rijen, columns=["instelling", "waarde", "bron"])


#: de notatie van een instelling: zoals in het instellingenbestand, een geheel getal zonder scheidingsteken (prijspeil
#: 2025, niet 2.025) en een breuk met zo veel decimalen als hij heeft (0,0225), niet de standaardnotatie
_INSTELLING_GEHEEL = "0"
_INSTELLING_GETAL = "0.0##########"


def _instellingnotaties(blad: Worksheet) -> None:
    """Geef elk getal in de kolom waarde van het werkblad instellingen een notatie (ze zijn van verschillende
    soort, dus per cel in plaats van per kolom)."""
    for (cel,) in blad.iter_rows(min_row=EERSTE_RIJ, min_col=2, max_col=2):
        if isinstance(cel.value, bool) or not isinstance(cel.value, int | float):
            continue
        cel.number_format = _INSTELLING_GEHEEL if isinstance(cel.value, int) else _INSTELLING_GETAL


def _uitleg_met_labels() -> pd.DataFrame:
    """Het werkblad uitleg met na de kolomnaam zijn leesbare kop (rij 2 van elk werkblad)."""
    tabel = uitleg()
    eenheden = {(naam, k.naam): k.eenheid for naam in TABELLEN for k in tabelkolommen(naam)}
    labels = [label(k, eenheden[(t, k)]) for t, k in zip(tabel["tabel"], tabel["kolom"], strict=True)]
    tabel.insert(2, "label", labels)
    return tabel


def naar_xlsx(resultaat: Resultaat, datum: dt.date | None = None) -> bytes:
    """Een Excel-werkmap met één werkblad per tabel en het werkblad instellingen; gebruikerstekst is altijd een
    tekstcel, nooit een formule. Rij 1 heeft de kolomnamen, rij 2 de leesbare koppen. De werkmap is gemaakt op
    `datum` (de datum van de run, of `--datum`; standaard vandaag), middernacht UTC: dezelfde invoer en datum geven
    dezelfde bytes."""
    moment = dt.datetime.combine(datum if datum is not None else dt.date.today(), dt.time())
    werkmap = Workbook()
    werkmap.remove(werkmap.active)
    for naam, tabel in tabellen(resultaat).items():
        _werkblad(werkmap, naam, tabel, _eenheden(naam))
    _werkblad(werkmap, "instellingen", instellingen(resultaat), {})
    _instellingnotaties(werkmap["instellingen"])
    _werkblad(werkmap, "uitleg", _uitleg_met_labels(), {})
    werkmap.properties.creator = "casuskosten"
    werkmap.properties.created = moment
    werkmap.properties.modified = moment
    buffer = io.BytesIO()
    werkmap.save(buffer)
    return _vaste_zip(buffer.getvalue(), moment)


_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _vaste_zip(inhoud: bytes, moment: dt.datetime) -> bytes:
    """Dezelfde zip met vaste datums (`moment`): openpyxl zet het moment van opslaan in docProps/core.xml en in elk
    zip-item, en dan zou elke export andere bytes hebben."""
    w3c = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for item in bron.infolist():
            data = bron.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _W3CDTF.sub(rb"\g<1>" + w3c + rb"\g<2>", data)
            vast = zipfile.ZipInfo(item.filename, date_time=(max(moment.year, 1980), moment.month, moment.day, 0, 0, 0))
            vast.compress_type = zipfile.ZIP_DEFLATED
            vast.external_attr = 0o600 << 16
            doel.writestr(vast, data)
    return uit.getvalue()


def naar_csv(tabel: pd.DataFrame) -> str:
    """Eén tabel als CSV: komma-gescheiden, decimale punt, UTF-8; tekst die als formule gelezen zou worden krijgt
    een `'` ervoor."""
    return _teksten(tabel, _onschadelijk_csv).to_csv(index=False, lineterminator="\n")


def naar_csv_nl(tabel: pd.DataFrame) -> str:
    """Eén tabel voor Nederlandse Excel: puntkomma-gescheiden, decimale komma, met BOM (anders leest Excel UTF-8
    als Windows-1252: "VÃ³Ã³r"); dezelfde bescherming tegen formules als `naar_csv`."""
    return "\ufeff" + _teksten(tabel, _onschadelijk_csv).to_csv(
        index=False, sep=";", decimal=",", lineterminator="\r\n"
    )


@publiek
def exporteer(
    resultaat: Resultaat,
    formaat: str,
    uit: Path | str,
    *,
    beschermd: Sequence[Path] = (),
    datum: dt.date | None = None,
) -> list[Path]:
    """Schrijf de export (atomair) en geef de geschreven bestanden; csv schrijft één bestand per tabel in map `uit`.

    Nooit in de invoer van `resultaat` (casuspaden, de map van elk casusbestand, tariefmap, instellingenbestand; zie
    `bestanden.invoer_van`) of in `beschermd` (meer paden om te sparen), ook niet via een symbolische link. Eerst
    worden de paden gecontroleerd en is alle inhoud gemaakt; pas dan wordt er geschreven (alles of niets). `datum`
    is de aanmaakdatum van de xlsx (standaard vandaag).

    >>> casuskosten.exporteer(resultaat, "xlsx", "uitvoer/casuskosten.xlsx")  # doctest: +SKIP
    """
    formaat = kies_formaat(formaat, FORMATEN)
    gespaard: tuple[Beschermd, ...] = (*invoer_van(resultaat), *beschermd)
    if formaat == "json":
        # casus voor casus, net als `bereken --json --uit`: geen volledige kopie in het geheugen
        return [schrijf_atomair(uit, resultaat.json_delen(), beschermd=gespaard)]
    if formaat == "xlsx":
        controleer_uitvoerpad(uit, gespaard)
        return [schrijf_atomair(uit, naar_xlsx(resultaat, datum), beschermd=gespaard)]
    map_ = controleer_uitvoermap(uit, gespaard)
    for naam in TABELLEN:
        controleer_uitvoerpad(map_ / f"{naam}.csv", gespaard)
    schrijf = naar_csv_nl if formaat == "csv-nl" else naar_csv
    return schrijf_bestanden(
        {map_ / f"{naam}.csv": schrijf(tabel) for naam, tabel in tabellen(resultaat).items()}, beschermd=gespaard
    )
