// The import form's paste box also keeps the clipboard's HTML when the browser offers it
// (a hidden field; the server reads paragraphs, captions and buttons from it). The pasted
// plain text is kept as usual, so without JavaScript, or without HTML, nothing changes.
// Any later edit of the text drops the HTML, so that what is imported is what is shown.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("id_text");
    var html = document.getElementById("id_html");
    if (!text || !html) { return; }
    var status = document.createElement("p");
    status.className = "help import-html-status";
    status.setAttribute("aria-live", "polite");
    text.insertAdjacentElement("afterend", status);
    var pasting = false;

    text.addEventListener("paste", function (event) {
      var data = event.clipboardData && event.clipboardData.getData("text/html");
      var whole = !text.value.trim() || (text.selectionStart === 0 && text.selectionEnd === text.value.length);
      if (data && whole) {
        html.value = data;
        pasting = true;
        status.textContent = "The copied page's HTML was kept too: paragraphs and captions are read from it.";
      } else {
        html.value = "";
        status.textContent = "";
      }
    });

    text.addEventListener("input", function () {
      if (pasting) { pasting = false; return; }
      if (html.value) {
        html.value = "";
        status.textContent = "The text was edited, so it is read as shown (the copied HTML was dropped).";
      }
    });
  });
})();
