// Counts down [data-countdown] seconds as time left: "14:59" under an hour, "1 h 05 min"
// under a day, "2 d 05 h" beyond; then 0:00. The same text as the server renders inside the
// element (commerce/ticketing/templatetags/time_left.py): d, h and min are the international
// unit symbols, written alike in Spanish and English.
(function () {
  "use strict";
  var MINUTE = 60, HOUR = 3600, DAY = 86400;

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function timeLeft(seconds) {
    var left = Math.max(0, Math.floor(seconds) || 0);
    if (left < HOUR) return Math.floor(left / MINUTE) + ":" + pad(left % MINUTE);
    if (left < DAY) return Math.floor(left / HOUR) + " h " + pad(Math.floor((left % HOUR) / MINUTE)) + " min";
    return Math.floor(left / DAY) + " d " + pad(Math.floor((left % DAY) / HOUR)) + " h";
  }

  document.querySelectorAll("[data-countdown]").forEach(function (el) {
    var ends = Date.now() + (parseInt(el.getAttribute("data-countdown"), 10) || 0) * 1000;
    function show() {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var text = timeLeft(left);
      if (el.textContent !== text) el.textContent = text;
      return left;
    }
    if (show() === 0) return;
    var timer = setInterval(function () {
      if (show() === 0) clearInterval(timer);
    }, 1000);
  });
})();
