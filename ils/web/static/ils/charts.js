/* Makes the server's SVG charts interactive with vega-embed, from the same spec (a json_script
   named by data-spec). Expressions go through vega-interpreter, so no eval is needed (CSP).
   data-decorative: the chart repeats a table beside it and stays hidden from screen readers. */
window.addEventListener("DOMContentLoaded", function () {
  if (!window.vegaEmbed || !window.vega || !window.vega.expressionInterpreter) return;
  var localeElement = document.getElementById("diagram-locale");
  var locale = localeElement ? JSON.parse(localeElement.textContent) : undefined;
  document.querySelectorAll("[data-spec]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    var server = el.querySelector("svg");
    var label = server ? server.getAttribute("aria-label") : "";
    vegaEmbed(el, spec, {renderer: "svg", actions: false, defaultStyle: false, formatLocale: locale,
                         ast: true, expr: vega.expressionInterpreter}).then(function (result) {
      var svg = result.view.container().querySelector("svg");
      if (svg && el.dataset.decorative !== undefined) {
        svg.setAttribute("aria-hidden", "true");
      } else if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", label);
      }
      el.dataset.interactive = "true";
    }).catch(function () {});
  });
});
