/* Quote sharing: select words in an article or comment, then "Link to this quote".
   Progressive enhancement: without JavaScript the ¶ links still give paragraph and
   comment permalinks, and /q/<id> pages work on their own. */
(function () {
  "use strict";

  var form = document.getElementById("quote-form");
  var statusBox = document.querySelector(".quote-status");
  var piece = document.querySelector("[data-article]");
  if (!form || !piece || !window.fetch) return;

  var CONTEXT = 64;
  var BLOCKS = "p, li, h1, h2, h3, blockquote, div, br";
  var current = null; // {target, exact, prefix, suffix, block}
  var made = null; // {key, url, citation} of the last link made

  var toolbar = document.createElement("div");
  toolbar.className = "quote-toolbar";
  toolbar.setAttribute("role", "group");
  toolbar.setAttribute("aria-label", "Share the selected words");
  toolbar.hidden = true;
  toolbar.innerHTML =
    '<button type="button" data-action="link">Link to this quote</button> ' +
    '<button type="button" data-action="cite">Copy citation</button>' +
    '<p class="quote-message"></p>' +
    '<p class="quote-result" hidden><label>Link <input type="text" readonly></label></p>';
  var resultBox = toolbar.querySelector(".quote-result");
  var resultInput = resultBox.querySelector("input");

  function textOf(range) {
    var fragment = range.cloneContents();
    fragment.querySelectorAll(".pilcrow").forEach(function (node) { node.remove(); });
    fragment.querySelectorAll(BLOCKS).forEach(function (node) { node.after(document.createTextNode("\n")); });
    return fragment.textContent;
  }

  function targetOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element ? element.closest("[data-quote-target]") : null;
  }

  function blockOf(node, target) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var block = element.closest("p, li, h2, blockquote");
    return block && target.contains(block) ? block : target;
  }

  function onSelectionChange() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    var target = targetOf(range.startContainer);
    if (!target || target !== targetOf(range.endContainer)) return;
    var exact = textOf(range).replace(/\s+/g, " ").trim();
    if (exact.length < 3) return;
    var before = document.createRange();
    before.setStart(target, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(target, target.childNodes.length);
    current = {
      target: target,
      exact: exact,
      prefix: textOf(before).slice(-CONTEXT),
      suffix: textOf(after).slice(0, CONTEXT),
    };
    var block = blockOf(range.endContainer, target);
    if (toolbar.previousElementSibling !== block) block.after(toolbar);
    toolbar.hidden = false;
    resultBox.hidden = true;
  }

  function say(message) {
    statusBox.textContent = message; // announced by screen readers
    toolbar.querySelector(".quote-message").textContent = message; // shown beside the buttons
  }

  function keyOf(selection) {
    return selection.target.getAttribute("data-comment") + "|" + selection.exact;
  }

  function makeLink(selection) {
    if (made && made.key === keyOf(selection)) return Promise.resolve(made);
    var data = new FormData(form);
    data.append("article", piece.getAttribute("data-article"));
    if (selection.target.getAttribute("data-comment")) {
      data.append("comment", selection.target.getAttribute("data-comment"));
    }
    data.append("exact", selection.exact);
    data.append("prefix", selection.prefix);
    data.append("suffix", selection.suffix);
    // The page is cached for every reader, so the CSRF token is asked for now (archive.page_cache).
    return fetch(form.getAttribute("data-token-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("The link could not be made (" + response.status + ").");
        return response.json();
      })
      .then(function (answer) {
        return fetch(form.action, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { "X-Requested-With": "fetch", "X-CSRFToken": answer.token, Accept: "application/json" },
        });
      })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) throw new Error(body.error || "The link could not be made (" + response.status + ").");
          made = { key: keyOf(selection), url: body.url, citation: body.citation };
          return made;
        });
      });
  }

  function copy(text, what) {
    resultInput.value = text;
    resultBox.hidden = false;
    resultBox.querySelector("label").firstChild.textContent = what === "link" ? "Link " : "Citation ";
    var done = what === "link" ? "Link copied: " + text : "Citation copied: " + text;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(
        function () { say(done); },
        function () { say("Copy the " + what + " from the box below the text."); resultInput.select(); }
      );
    }
    say("Copy the " + what + " from the box below the text.");
    resultInput.select();
    return Promise.resolve();
  }

  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !current) return;
    var selection = current;
    say(button.dataset.action === "link" ? "Making the link…" : "Making the citation…");
    makeLink(selection)
      .then(function (link) {
        return button.dataset.action === "link" ? copy(link.url, "link") : copy(link.citation, "citation");
      })
      .catch(function (error) { say(error.message); });
  });

  document.addEventListener("selectionchange", onSelectionChange);
})();
