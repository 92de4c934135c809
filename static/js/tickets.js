// The tickets page: the − / + buttons of each quantity field, choosing a ticket type by
// touching its quantity, and the summary beside the Reserve button. Without JavaScript the
// page still works: a radio per type, a number field per type, one Reserve button.
(function () {
  "use strict";
  var form = document.querySelector("[data-reserve-form]");
  if (!form) return;
  // amounts as the server writes them: its thousands separator, read from "1000" it formatted
  var separator = (form.dataset.thousands || "").replace(/[0-9]/g, "");
  var money = function (amount, currency) {
    var digits = String(Math.round(amount));
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator) + " " + currency;
  };
  var choices = Array.prototype.slice.call(document.querySelectorAll("[data-ticket-choice]"));
  var quantityOf = function (radio) {
    return document.getElementById("quantity-" + radio.value);
  };
  var refresh = function () {
    var chosen = choices.filter(function (radio) { return radio.checked; })[0];
    choices.forEach(function (radio) {
      var card = radio.closest(".ticket-card");
      if (card) card.classList.toggle("is-chosen", radio === chosen);
    });
    if (!chosen) return;
    var input = quantityOf(chosen);
    var quantity = input ? parseInt(input.value, 10) || 0 : 1;
    var price = parseFloat(chosen.dataset.price) || 0;
    form.querySelector("[data-summary-quantity]").textContent = quantity;
    form.querySelector("[data-summary-name]").textContent = chosen.dataset.name;
    form.querySelector("[data-summary-total]").textContent =
      price ? money(price * quantity, chosen.dataset.currency) : form.dataset.free;
  };
  document.querySelectorAll("[data-stepper]").forEach(function (stepper) {
    var input = stepper.querySelector("input");
    stepper.querySelectorAll("[data-step]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var min = parseInt(input.min, 10) || 1;
        var max = parseInt(input.max, 10) || 100;
        var next = (parseInt(input.value, 10) || min) + parseInt(button.dataset.step, 10);
        input.value = Math.min(max, Math.max(min, next));
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
    input.addEventListener("input", function () {
      var radio = choices.filter(function (r) { return quantityOf(r) === input; })[0];
      if (radio && !radio.checked) radio.checked = true;
      refresh();
    });
  });
  choices.forEach(function (radio) { radio.addEventListener("change", refresh); });
  refresh();
})();
