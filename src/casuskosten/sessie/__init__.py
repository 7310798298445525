"""De casussessie: een lokale webapp (`casuskosten sessie [MAP]`) waarin een facilitator en de professionals samen een
casus opbouwen, live beprijsd.

Optioneel: `pip install "casuskosten[web]"` (starlette, jinja2, uvicorn, python-multipart). `veiligheid` bewaakt elk
verzoek (Host, tokens, CSRF, Sec-Fetch-Site, beveiligingsheaders) en elk pad (`casuspad`); `server` bindt de socket
en start uvicorn.
"""
