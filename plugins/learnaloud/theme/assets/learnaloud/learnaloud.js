// Material's search dialog has no accessible name (axe: aria-dialog-name); give it one.
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  if (!dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
});
