"""Lezen en valideren: YAML, het casusformaat, tarieven, prijsindex, instellingen, tijd, privacy, schema."""

# registreert privacy.maskeer als masker van elke melding en waarschuwing (zie fouten.zet_masker)
from . import privacy as _privacy  # noqa: F401
