/* Quote sharing: select words in an article or comment, then "Link to this quote"; or, from
   the keyboard, "Quote this" on any paragraph or comment. Progressive enhancement: without
   JavaScript the ¶ links still give paragraph and comment permalinks, and /q/<id> pages work
   on their own. */
(function () {
  "use strict";

  var form = document.getElementById("quote-form");
  var statusBox = document.querySelector(".quote-status");
  var piece = document.querySelector("[data-article]");
  if (!piece) return;

  // A #p-<n> link from before paragraph ids were stable, to a paragraph not on the page now:
  // the server finds where paragraph n went (?p=, which also works without this script).
  var legacy = /^#p-(\d+)$/.exec(window.location.hash);
  if (legacy && !document.getElementById("p-" + legacy[1]) && window.location.pathname.indexOf("/articles/") === 0) {
    window.location.replace("/articles/" + piece.getAttribute("data-article") + "/?p=" + legacy[1]);
    return;
  }
  if (!form || !window.fetch) return;

  var CONTEXT = 64;
  var BLOCKS = "p, li, h1, h2, h3, blockquote, div, br";
  var current = null; // {target, exact, prefix, suffix, block}
  var made = null; // {key, url, citation} of the last link made
  var byKeyboard = false; // the current selection was made with the keyboard, not a pointer

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
    fragment.querySelectorAll(".pilcrow, .quote-this, .quote-changed").forEach(function (node) { node.remove(); });
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

  function choose(range, target, block) {
    var exact = textOf(range).replace(/\s+/g, " ").trim();
    if (exact.length < 3) return false;
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
    if (toolbar.previousElementSibling !== block) block.after(toolbar);
    toolbar.hidden = false;
    resultBox.hidden = true;
    return true;
  }

  function onSelectionChange() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    var target = targetOf(range.startContainer);
    if (!target || target !== targetOf(range.endContainer)) return;
    if (choose(range, target, blockOf(range.endContainer, target)) && byKeyboard) {
      statusBox.textContent = "Words selected. Press Tab to link to them or copy their citation.";
    }
  }

  // "Quote this" on every paragraph, heading, item and comment: a link to all of it, made
  // without a pointer. Added here, since without this script it could not work.
  function addQuoteButtons() {
    piece.querySelectorAll('[data-quote-target="article"] [id^="p-"]').forEach(function (block) {
      addButton(block, block.querySelector(".pilcrow"), block, piece.querySelector('[data-quote-target="article"]'),
        block.tagName === "H2" ? "Quote this section heading" : "Quote this paragraph");
    });
    piece.querySelectorAll('[data-quote-target="comment"]').forEach(function (body) {
      var comment = body.closest(".comment");
      var author = comment.querySelector(".comment-author");
      addButton(body, comment.querySelector("header .pilcrow"), body, body,
        "Quote this comment" + (author ? " by " + author.textContent.trim() : ""));
    });
  }

  function addButton(content, pilcrow, block, target, label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "quote-this";
    button.textContent = "Quote this";
    button.setAttribute("aria-label", label);
    if (pilcrow) pilcrow.after(button);
    else content.append(button);
    button.addEventListener("click", function () {
      var range = document.createRange();
      range.selectNodeContents(content);
      if (!choose(range, target, block)) return;
      act("link", resultInput); // focus on the link made, to copy or to read out
    });
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
    // The page is cached for every reader, so the CSRF token is asked for now (archive.views.page_cache).
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

  function act(action, focusAfter) {
    var selection = current;
    say(action === "link" ? "Making the link…" : "Making the citation…");
    return makeLink(selection)
      .then(function (link) {
        // The citation names the quoted words too (the server's citation for this quote).
        return action === "link" ? copy(link.url, "link") : copy(link.citation, "citation");
      })
      .catch(function (error) { say(error.message); })
      .then(function () { if (focusAfter) focusAfter.focus(); });
  }

  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !current) return;
    act(button.dataset.action);
  });

  // A selection made with the keyboard (caret browsing, Shift and the arrows): the next Tab
  // goes to the toolbar beside it, wherever focus was.
  document.addEventListener("pointerdown", function () { byKeyboard = false; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Tab" && !event.shiftKey && byKeyboard && !toolbar.hidden && !toolbar.contains(document.activeElement)) {
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed) {
        event.preventDefault();
        byKeyboard = false;
        toolbar.querySelector("button").focus();
        return;
      }
    }
    if (event.shiftKey || event.key.indexOf("Arrow") === 0 || event.key === "Home" || event.key === "End") byKeyboard = true;
  });

  addQuoteButtons();
  document.addEventListener("selectionchange", onSelectionChange);
})();
