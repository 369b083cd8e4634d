// Material's search dialog has no accessible name (axe: aria-dialog-name); give it one.
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  if (!dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
});

// A report or a guide is meant for paper: a button to print it (or save it as a PDF) at its top.
// Made here, so a page without JavaScript shows no button that does nothing.
document.querySelectorAll("[data-la-print]").forEach((printable) => {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button la-print-button la-screen-only";
  button.textContent = "Print or save as PDF";
  button.addEventListener("click", () => window.print());
  printable.prepend(button);
});
