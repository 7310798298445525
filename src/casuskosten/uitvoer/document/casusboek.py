"""Het casusrapport (`casuskosten casus`): één casus, of meerdere als casusboek met inhoudsopgave, van het
`Resultaat` naar één `Document`."""

from __future__ import annotations

import datetime as dt

from ... import formaat as f
from ...rekenen.resultaat import Resultaat
from .blokken import Document, Inhoud, Sectie
from .casus import CasusWeergave, casussectie, casusweergaven
from .gedeeld import voettekst
from .verantwoording import gebruikte_tarieven, invoerbestanden, verantwoording


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
    secties.append(
        verantwoording(
            resultaat,
            gebruikte_tarieven(resultaat, None),
            invoerbestanden(resultaat, casussen),
            resultaat.overgeslagen,
            tuple(w for c in casussen for w in c.cijfers.waarschuwingen),
        )
    )
    huisstijl = resultaat.instellingen.huisstijl
    return Document(
        titel=_titel(casussen),
        kenmerken=(("Prijspeil", str(resultaat.prijspeil)), ("Gemaakt op", f.datum(datum))),
        secties=tuple(secties),
        huisstijl=huisstijl,
        voettekst=voettekst(huisstijl, resultaat.prijspeil),
        sjabloon="casusboek.html.j2",
        datum=datum,
    )


def _titel(casussen: tuple[CasusWeergave, ...]) -> str:
    """De casus zelf, of 'Casusboek' bij meerdere."""
    if len(casussen) == 1:
        c = casussen[0].bestand.casus
        return f"Casus {c.id} ({c.gemeente})"
    return f"Casusboek: {len(casussen)} casussen"


def _inhoud(casussen: tuple[CasusWeergave, ...]) -> Sectie:
    regels = (
        *(
            (f"Casus {c.id} — {c.bestand.casus.gemeente}", c.anker, f.procent(c.cijfers.besparing_pct))
            for c in casussen
        ),
        ("Verantwoording", "verantwoording", ""),
    )
    return Sectie("Inhoud", "inhoud", (Inhoud(regels),), bladwijzer=False)
