"""Rekenen: beprijzen, optellen, onzekerheid, waarschuwingen en het ene resultaatobject."""
