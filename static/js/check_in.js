// Check-in: read QR codes with the camera (BarcodeDetector) and submit each one found.
(function () {
  "use strict";
  var start = document.querySelector("[data-camera-start]");
  var video = document.querySelector("[data-camera]");
  var form = document.getElementById("check-in-form");
  if (!start || !video || !form || !("BarcodeDetector" in window)) return;
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  start.addEventListener("click", function () {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var scan = function () {
          detector
            .detect(video)
            .then(function (codes) {
              if (codes.length) {
                form.elements.code.value = codes[0].rawValue;
                form.submit();
                return;
              }
              requestAnimationFrame(scan);
            })
            .catch(function () { requestAnimationFrame(scan); });
        };
        scan();
      })
      .catch(function () {
        document.querySelector("[data-camera-status]").textContent = start.dataset.denied || "";
      });
  });
})();
