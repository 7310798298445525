"""Het documentmodel: wat in een rapport staat, gelezen uit het `Resultaat`, als één bevroren `Document`.

Een document bestaat uit secties met koppen, alinea's, opsommingen, tabellen (koppen, rijen met al opgemaakte cellen,
uitlijning en breekbaarheid per kolom, voetregel, voetnoot), grafieken en kenmerken. HTML (`html.py` met de sjablonen)
en PDF (`pdf.py`) tekenen alleen dit model; zo staat elke kop, elk label en elke zin op één plek en kunnen ze tussen
HTML en PDF niet uit elkaar lopen. Namen voor de lezer komen uit `benamingen`, feiten (welke casus bij welke gemeente
hoort) uit het `Resultaat`, de notatie (ook van een kans) uit `formaat`. Hier wordt niets berekend: alleen gekozen,
gesorteerd en in woorden gezet.

- `blokken`: de woordenschat (Cel, Tabel, Alinea, ..., Sectie, Document) en wat elke grafiek toont; zonder reportlab;
- één bouwer per rapport, van `Resultaat` naar `Document`: `gemeenterapport` (`gemeente_document`), `casusboek`
  (`casusboek_document`, ook voor één casus) en `vergelijking` (`vergelijking_document`);
- gedeelde delen: `kernteksten` (pagina 1 in gewone woorden), `begroting` (de opschaling), `casus` (één casus als
  sectie), `verantwoording` (methode, tarieven, invoerbestanden) en `gedeeld` (versie, voettekst, logo, periode).
"""

from __future__ import annotations

from .begroting import BEGROTING_TITEL, NIET_OPGESCHAALD
from .blokken import (
    Alinea,
    Beeld,
    BesparingPerFinancierPerJaar,
    Blok,
    Cel,
    Document,
    Figuur,
    Financierbesparing,
    Forest,
    Grafiek,
    Inhoud,
    Kenmerken,
    KostenPerFinancier,
    Meldingen,
    Naast,
    Oordelen,
    OordelenPerDoel,
    Opsomming,
    Schatting,
    Sectie,
    Tabel,
    Tornado,
    Tornadobalk,
    TrajectenPerCasus,
    Trajectkosten,
    Tussenkop,
)
from .casus import CasusWeergave, casussectie, casusweergaven
from .casusboek import casusboek_document
from .gedeeld import logo_inhoud, versie
from .gemeenterapport import gemeente_document
from .kernteksten import Kerncijfer
from .verantwoording import GebruiktTarief
from .vergelijking import vergelijking_document

__all__ = [
    "BEGROTING_TITEL",
    "NIET_OPGESCHAALD",
    "Alinea",
    "Beeld",
    "BesparingPerFinancierPerJaar",
    "Blok",
    "CasusWeergave",
    "Cel",
    "Document",
    "Figuur",
    "Financierbesparing",
    "Forest",
    "GebruiktTarief",
    "Grafiek",
    "Inhoud",
    "Kenmerken",
    "Kerncijfer",
    "KostenPerFinancier",
    "Meldingen",
    "Naast",
    "Oordelen",
    "OordelenPerDoel",
    "Opsomming",
    "Schatting",
    "Sectie",
    "Tabel",
    "Tornado",
    "Tornadobalk",
    "TrajectenPerCasus",
    "Trajectkosten",
    "Tussenkop",
    "casusboek_document",
    "casussectie",
    "casusweergaven",
    "gemeente_document",
    "logo_inhoud",
    "vergelijking_document",
    "versie",
]
