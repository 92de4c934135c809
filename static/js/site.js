// Mobile menu: toggles the primary navigation and keeps aria-expanded truthful.
document.querySelectorAll("[data-menu-toggle]").forEach((button) => {
  button.addEventListener("click", () => {
    const nav = document.getElementById(button.getAttribute("aria-controls"));
    const open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("is-open", !open);
    // on phones the account menu opens with it, so its links are one tap away
    if (!open) nav.querySelectorAll("details[data-dropdown]").forEach((menu) => (menu.open = true));
  });
});

// Receipts: a print button (inline handlers are not allowed by the CSP).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});

// Mobile menu: Escape closes it and gives focus back to the button.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll('[data-menu-toggle][aria-expanded="true"]').forEach((button) => {
    button.click();
    button.focus();
  });
});

// Filter panels (details.filters[data-filters]): collapsed on phones, open from 48rem up.
const wide = window.matchMedia("(min-width: 48rem)");
if (wide.matches) {
  document.querySelectorAll("details[data-filters]").forEach((panel) => {
    panel.open = true;
  });
}

// Modals: <button data-modal-open="dialog-id"> opens <dialog id="dialog-id" class="modal">;
// [data-modal-close] inside it, Escape, or a click on the backdrop closes it.
document.querySelectorAll("[data-modal-open]").forEach((button) => {
  button.addEventListener("click", () => {
    const dialog = document.getElementById(button.dataset.modalOpen);
    if (dialog && typeof dialog.showModal === "function") dialog.showModal();
  });
});
document.querySelectorAll("dialog.modal").forEach((dialog) => {
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest("[data-modal-close]")) dialog.close();
  });
});

// Dropdowns (details[data-dropdown]): a click elsewhere or Escape closes them.
document.addEventListener("click", (event) => {
  document.querySelectorAll("details[data-dropdown][open]").forEach((menu) => {
    if (menu.contains(event.target) || event.target.closest("[data-menu-toggle]")) return;
    menu.open = false;
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details[data-dropdown][open]").forEach((menu) => {
    menu.open = false;
    menu.querySelector("summary").focus();
  });
});
