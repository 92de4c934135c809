// A reservation's countdown: counts down [data-countdown] seconds as m:ss, then says so.
(function () {
  "use strict";
  document.querySelectorAll("[data-countdown]").forEach(function (el) {
    var left = parseInt(el.getAttribute("data-countdown"), 10) || 0;
    function show() {
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      el.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    }
    show();
    var timer = setInterval(function () {
      left = Math.max(0, left - 1);
      show();
      if (left === 0) clearInterval(timer);
    }, 1000);
  });
})();
