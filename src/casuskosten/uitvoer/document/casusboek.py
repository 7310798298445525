"""Het casusrapport (`casuskosten casus`): één casus, of meerdere als casusboek met inhoudsopgave, van het
`Resultaat` naar één `Document`."""

from __future__ import annotations

import datetime as dt

from ... import formaat as f
from ...rekenen.resultaat import Resultaat
from .blokken import Document, Inhoud, Sectie, genummerd
from .casus import CasusWeergave, casussectie, casusweergaven
from .gedeeld import omslagkenmerken, voettekst
from .verantwoording import colofon, gebruikte_tarieven, invoerbestanden, verantwoording


def casusboek_document(resultaat: Resultaat, datum: dt.date) -> Document:
    """De casussen in het resultaat, in de volgorde waarin ze zijn gelezen: één casus (de titel één keer, daaronder
    meteen de casus) of een casusboek met inhoudsopgave."""
    volgorde = {cb.casus.id: i for i, cb in enumerate(resultaat.casusbestanden)}
    casussen = casusweergaven(resultaat, sorted(resultaat.casuscijfers(), key=lambda c: volgorde.get(c.id, -1)))
    een = len(casussen) == 1
    secties: list[Sectie] = [] if een else [_inhoud(casussen)]
    # na de inhoudsopgave begint de eerste casus op een nieuwe pagina; daarna alleen als de casus niet past
    secties += [
        casussectie(c, niveau=1, met_kop=not een, nieuwe_pagina=i == 0 and not een) for i, c in enumerate(casussen)
    ]
    invoer = invoerbestanden(resultaat, casussen)
    secties += [
        verantwoording(
            resultaat,
            gebruikte_tarieven(resultaat, None),
            invoer,
            resultaat.overgeslagen,
            tuple(w for c in casussen for w in c.cijfers.waarschuwingen),
            nieuwe_pagina=not een,
            opschaling=False,
            opmerkingen=not een,
        ),
        colofon(resultaat, invoer, datum, opschaling=False),
    ]
    huisstijl = resultaat.instellingen.huisstijl
    return Document(
        titel=_titel(casussen),
        kenmerken=(("Prijspeil", str(resultaat.prijspeil)), *omslagkenmerken(huisstijl, datum)),
        secties=genummerd(secties),
        huisstijl=huisstijl,
        voettekst=voettekst(huisstijl, resultaat.prijspeil),
        sjabloon="casusboek.html.j2",
        datum=datum,
        omslag=not een,
    )


def _titel(casussen: tuple[CasusWeergave, ...]) -> str:
    """De casus met haar gemeente, of het casusboek met de gemeente(n): "Casusboek Rotterdam: 6 casussen",
    "Casusboek Alfa en Beta: 3 casussen"; van meer dan drie gemeenten hun aantal."""
    if len(casussen) == 1:
        c = casussen[0].bestand.casus
        return f"Casus {c.id} ({c.gemeente})"
    gemeenten = sorted({c.bestand.casus.gemeente for c in casussen})
    if len(gemeenten) <= 3:
        wie = gemeenten[0] if len(gemeenten) == 1 else f"{', '.join(gemeenten[:-1])} en {gemeenten[-1]}"
    else:
        wie = f"van {f.aantal(len(gemeenten), 'gemeente', 'gemeenten')}"
    return f"Casusboek {wie}: {f.aantal(len(casussen), 'casus', 'casussen')}"


def _inhoud(casussen: tuple[CasusWeergave, ...]) -> Sectie:
    regels = (
        *(
            (f"Casus {c.id} — {c.bestand.casus.gemeente}", c.anker, f.procent(c.cijfers.besparing_pct))
            for c in casussen
        ),
        ("Verantwoording", "verantwoording", ""),
        ("Colofon", "colofon", ""),
    )
    return Sectie("Inhoud", "inhoud", (Inhoud(regels),), bladwijzer=False)
