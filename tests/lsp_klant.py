"""Een kleine LSP-client (JSON-RPC over stdin/stdout) om de echte yaml-language-server te bevragen zoals een editor.

Alleen wat de tests nodig hebben: initialiseren, instellingen (welk schema bij welk bestand), een bestand openen,
diagnoses verzamelen, aanvulling en uitleg bij de muis opvragen. Verzoeken van de server aan de client
(`workspace/configuration` en dergelijke) krijgen een antwoord, zodat hij niet blijft wachten.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from tests.conftest import PROJECT

NODE_MAP = PROJECT / ".venv" / "node"
SERVER = NODE_MAP / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
ZONDER_NODE = (
    "Node.js (versie 20 of nieuwer, met npm) ontbreekt; de editortest draait de echte yaml-language-server. "
    "Installeer het (Debian/Ubuntu: 'sudo apt-get install nodejs npm'; macOS: 'brew install node'; Windows en "
    "andere: https://nodejs.org) en draai daarna 'make test', dat de server met 'npm ci' in .venv/node zet."
)
ZONDER_SERVER = (
    f"yaml-language-server ontbreekt in {NODE_MAP}; draai 'make test' (dat installeert hem met 'npm ci' uit "
    "tests/lsp/package-lock.json), of zelf: mkdir -p .venv/node && cp tests/lsp/package*.json .venv/node/ && "
    "npm ci --prefix .venv/node"
)


#: yaml-language-server 1.x gebruikt taalmiddelen van Node.js 18 en nieuwer
NODE_MINIMAAL = 18


def ontbreekt() -> str | None:
    """Wat er ontbreekt om de server te starten (een Nederlandse uitleg met wat te installeren), of None."""
    node = shutil.which("node")
    if node is None:
        return ZONDER_NODE
    versie = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    hoofd = versie.lstrip("v").split(".")[0]
    if not hoofd.isdigit() or int(hoofd) < NODE_MINIMAAL:
        return (
            f"Node.js {versie or '(onbekende versie)'} is te oud; de editortest vraagt versie {NODE_MINIMAAL} of "
            f"nieuwer. {ZONDER_NODE.split('; ', 1)[1]}"
        )
    if not SERVER.is_file():
        return ZONDER_SERVER
    return None


class LspKlant:
    """Eén yaml-language-server over stdio; gebruik als contextmanager."""

    def __init__(self, instellingen: dict[str, Any]) -> None:
        self.instellingen = instellingen
        node = shutil.which("node")
        assert node is not None, ZONDER_NODE
        self._proces = subprocess.Popen(
            [node, str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._berichten: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._lezer = threading.Thread(target=self._lees, daemon=True)
        self._lezer.start()
        self._volgende_id = 0
        self.diagnoses: dict[str, list[dict[str, Any]]] = {}
        self._diagnosetijd: dict[str, float] = {}

    def __enter__(self) -> LspKlant:
        self.verzoek(
            "initialize",
            {
                "processId": None,
                "rootUri": None,
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
                    "textDocument": {
                        "completion": {
                            "completionItem": {"documentationFormat": ["markdown", "plaintext"], "snippetSupport": True}
                        },
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.melding("initialized", {})
        self.melding("workspace/didChangeConfiguration", {"settings": self.instellingen})
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self.verzoek("shutdown", None, wachttijd=5)
            self.melding("exit", None)
            self._proces.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self._proces.kill()
            self._proces.wait()
        finally:
            for stroom in (self._proces.stdin, self._proces.stdout):
                if stroom is not None:
                    stroom.close()

    # --- JSON-RPC ---------------------------------------------------------------------------------------------

    def _stuur(self, bericht: dict[str, Any]) -> None:
        inhoud = json.dumps({"jsonrpc": "2.0", **bericht}).encode("utf-8")
        assert self._proces.stdin is not None
        self._proces.stdin.write(f"Content-Length: {len(inhoud)}\r\n\r\n".encode("ascii") + inhoud)
        self._proces.stdin.flush()

    def _lees(self) -> None:
        uit = self._proces.stdout
        assert uit is not None
        while True:
            lengte = None
            while True:
                kop = uit.readline()
                if not kop:
                    self._berichten.put(None)
                    return
                if kop in (b"\r\n", b"\n"):
                    break
                naam, _, waarde = kop.decode("ascii").partition(":")
                if naam.strip().lower() == "content-length":
                    lengte = int(waarde.strip())
            assert lengte is not None
            self._berichten.put(json.loads(uit.read(lengte).decode("utf-8")))

    def melding(self, methode: str, params: Any) -> None:
        """Een notificatie (zonder antwoord)."""
        self._stuur({"method": methode, "params": params})

    def verzoek(self, methode: str, params: Any, wachttijd: float = 30) -> Any:
        """Een verzoek; wacht op het antwoord en verwerkt intussen wat de server stuurt."""
        self._volgende_id += 1
        eigen = self._volgende_id
        self._stuur({"id": eigen, "method": methode, "params": params})
        einde = time.monotonic() + wachttijd
        while True:
            bericht = self._volgend(einde - time.monotonic())
            assert bericht is not None, f"geen antwoord van yaml-language-server op {methode}"
            if bericht.get("id") == eigen and "method" not in bericht:
                assert "error" not in bericht, bericht["error"]
                return bericht.get("result")

    def _volgend(self, wachttijd: float) -> dict[str, Any] | None:
        """Het volgende bericht van de server (verzoeken en diagnoses afgehandeld), of None na `wachttijd`."""
        try:
            bericht = self._berichten.get(timeout=max(wachttijd, 0.01))
        except queue.Empty:
            return None
        assert bericht is not None, "yaml-language-server is gestopt"
        methode = bericht.get("method")
        if methode == "textDocument/publishDiagnostics":
            self.diagnoses[bericht["params"]["uri"]] = bericht["params"]["diagnostics"]
            self._diagnosetijd[bericht["params"]["uri"]] = time.monotonic()
        elif methode is not None and "id" in bericht:
            self._stuur({"id": bericht["id"], "result": self._antwoord(methode, bericht.get("params"))})
        return bericht

    def _antwoord(self, methode: str, params: Any) -> Any:
        if methode == "workspace/configuration":
            return [self._instelling(item.get("section", "")) for item in params["items"]]
        return None  # client/registerCapability, window/workDoneProgress/create ...

    def _instelling(self, sectie: str) -> Any:
        waarde: Any = self.instellingen
        for deel in sectie.split("."):
            waarde = waarde.get(deel) if isinstance(waarde, dict) else None
        return waarde

    # --- documenten -------------------------------------------------------------------------------------------

    def open(self, pad: Path, wachttijd: float = 30) -> list[dict[str, Any]]:
        """Open `pad` zoals een editor en geef de diagnoses zodra de server ermee klaar is."""
        uri = pad.resolve().as_uri()
        self.diagnoses.pop(uri, None)
        self.melding(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": pad.read_text(encoding="utf-8"),
                }
            },
        )
        einde = time.monotonic() + wachttijd
        while time.monotonic() < einde:
            self._volgend(0.2)
            # klaar: er zijn diagnoses en er kwam een halve seconde niets nieuws bij
            if uri in self.diagnoses and time.monotonic() - self._diagnosetijd[uri] > 0.5:
                return self.diagnoses[uri]
        raise AssertionError(f"geen diagnoses voor {pad} binnen {wachttijd} s")

    def aanvulling(self, pad: Path, regel: int, kolom: int) -> list[dict[str, Any]]:
        """De aanvullingen op (regel, kolom), beide vanaf 0."""
        antwoord = self.verzoek(
            "textDocument/completion",
            {"textDocument": {"uri": pad.resolve().as_uri()}, "position": {"line": regel, "character": kolom}},
        )
        if isinstance(antwoord, dict):
            items: list[dict[str, Any]] = antwoord.get("items", [])
            return items
        return list(antwoord or [])

    def uitleg(self, pad: Path, regel: int, kolom: int) -> str:
        """De tekst die de editor bij de muis toont op (regel, kolom), of een lege tekst."""
        antwoord = self.verzoek(
            "textDocument/hover",
            {"textDocument": {"uri": pad.resolve().as_uri()}, "position": {"line": regel, "character": kolom}},
        )
        if not antwoord:
            return ""
        inhoud = antwoord["contents"]
        if isinstance(inhoud, dict):
            return str(inhoud.get("value", ""))
        if isinstance(inhoud, list):
            return "\n".join(d if isinstance(d, str) else d.get("value", "") for d in inhoud)
        return str(inhoud)
