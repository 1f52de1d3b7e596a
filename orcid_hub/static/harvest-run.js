// A running harvest: poll its status and update the counts until it ends, then reload
// the page so that the failures and the final status are shown.
(function () {
  "use strict";
  var box = document.getElementById("run");
  if (!box || box.dataset.running !== "yes") { return; }
  var url = box.dataset.statusUrl;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        box.querySelectorAll("[data-count]").forEach(function (cell) {
          cell.textContent = run[cell.dataset.count];
        });
        if (run.status === "running") { window.setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
