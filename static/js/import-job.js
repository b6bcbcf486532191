// A background import's page follows the job by itself: every 2 seconds it fetches
// the page again and swaps in the new status, until the job has finished. Without
// JavaScript the page has a "Refresh" link instead.
(function () {
  "use strict";
  var POLL_MS = 2000;

  function running(element) {
    var status = element && element.getAttribute("data-status");
    return status === "queued" || status === "running";
  }

  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".import-job");
        var current = document.querySelector(".import-job");
        if (!fresh || !current) { return; }
        current.replaceWith(fresh);
        if (running(fresh)) { window.setTimeout(poll, POLL_MS); }
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 3); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (running(document.querySelector(".import-job"))) { window.setTimeout(poll, POLL_MS); }
  });
})();
