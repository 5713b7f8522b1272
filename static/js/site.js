// Progressive enhancement only: every page works without this file.
// Move focus to the error summary after a failed form submission, so keyboard and screen
// reader users start where the problems are listed (the GOV.UK pattern).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
