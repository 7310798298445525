// casussessie: kleine hulp naast htmx, zonder inline handlers (CSP script-src 'self')
"use strict";
document.addEventListener("click", function (e) {
  // de knoppen 100% / 70% / 35% zetten de kans van hun regel en melden de wijziging (htmx rekent dan opnieuw)
  var knop = e.target.closest("button[data-kans]");
  if (!knop) { return; }
  e.preventDefault();
  var veld = document.getElementById(knop.getAttribute("data-voor"));
  if (!veld || veld.disabled) { return; }
  veld.value = knop.getAttribute("data-kans");
  veld.dispatchEvent(new Event("change", { bubbles: true }));
  veld.focus();
});

// na elke herberekening: aria-invalid volgt de meldingen die htmx bij de velden zette
function volgMeldingen() {
  document.querySelectorAll(".meldingen[data-voor]").forEach(function (vak) {
    var veld = document.getElementById(vak.getAttribute("data-voor"));
    if (!veld) { return; }
    if (vak.getAttribute("data-fout") === "ja") { veld.setAttribute("aria-invalid", "true"); }
    else { veld.removeAttribute("aria-invalid"); }
  });
}
document.addEventListener("htmx:afterSettle", volgMeldingen);
document.addEventListener("htmx:oobAfterSwap", volgMeldingen);
