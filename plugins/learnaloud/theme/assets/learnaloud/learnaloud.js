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
