// The text editor's toolbar: rubrik, fetstil, kursiv, punktlista over a plain textarea.
// Without JavaScript the textarea works as it is (the help text shows the syntax); the preview
// comes from the server (htmx), so this file only edits the textarea's text.
(function () {
  "use strict";

  function changed(area) {
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  function wrap(area, mark, placeholder) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var chosen = text.slice(start, end) || placeholder;
    area.value = text.slice(0, start) + mark + chosen + mark + text.slice(end);
    area.setSelectionRange(start + mark.length, start + mark.length + chosen.length);
    changed(area);
  }

  function lineStarts(area, prefix, placeholder) {
    var text = area.value, start = area.selectionStart, end = area.selectionEnd;
    var from = text.lastIndexOf("\n", start - 1) + 1;
    var to = text.indexOf("\n", end);
    if (to === -1) { to = text.length; }
    var block = text.slice(from, to) || placeholder;
    var lines = block.split("\n").map(function (line) {
      return line.indexOf(prefix) === 0 ? line : prefix + line.replace(/^#+\s*/, "");
    });
    var before = from > 0 && text.slice(from - 2, from) !== "\n\n" ? "\n" : "";
    var replaced = before + lines.join("\n");
    area.value = text.slice(0, from) + replaced + text.slice(to);
    area.setSelectionRange(from + before.length, from + replaced.length);
    changed(area);
  }

  var TOOLS = [
    ["Rubrik", function (a) { lineStarts(a, "## ", "Rubrik"); }],
    ["Fetstil", function (a) { wrap(a, "**", "fet text"); }],
    ["Kursiv", function (a) { wrap(a, "*", "kursiv text"); }],
    ["Punktlista", function (a) { lineStarts(a, "- ", "Punkt"); }]
  ];

  function toolbar(area) {
    var bar = document.createElement("div");
    bar.className = "toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Formatering");
    bar.setAttribute("aria-controls", area.id);
    TOOLS.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = tool[0];
      button.addEventListener("click", function () { tool[1](area); });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.texteditor").forEach(toolbar);
  });
})();
