// duluan — a little progressive enhancement; every page works without it.
// No inline handlers (the Content-Security-Policy forbids them): behaviour is attached here.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Filter forms marked data-autosubmit submit as soon as a select changes.
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    for (const select of form.querySelectorAll("select")) {
      select.addEventListener("change", () => form.requestSubmit());
    }
  }
  // Buttons marked data-confirm ask before submitting (e.g. dismissing an alert).
  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
});
