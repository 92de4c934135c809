// Card payment with Stripe.js: the card goes from the browser to Stripe (3-D Secure
// included); the server learns the result from Stripe's signed webhook.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.key);
  var card = stripe.elements().create("card");
  card.mount("#card-element");
  var errors = document.getElementById("card-errors");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    stripe
      .confirmCardPayment(form.dataset.secret, { payment_method: { card: card } })
      .then(function (result) {
        if (result.error) {
          errors.textContent = result.error.message || "";
          button.disabled = false;
        } else {
          window.location.assign(form.dataset.done);
        }
      });
  });
})();
