// Small behaviours of every page, so that no page needs inline script (Content-Security-Policy):
//   data-autosubmit        a select that submits its form when changed (the language switch)
//   data-ask="question"    a form asks before it is submitted (a plain confirm)
//   data-remove-after      an htmx button that goes away once its request is done
//   data-print             a button that prints the page
//   data-fill-from-hash    an input filled from the address's #fragment (a voting slip's QR code:
//                          the code never travels in a URL the server or a log sees)
(function () {
  var fill = document.querySelector("[data-fill-from-hash]");
  if (fill && window.location.hash.length > 1) {
    fill.value = decodeURIComponent(window.location.hash.slice(1));
    history.replaceState(null, "", window.location.pathname);
  }
  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-ask]");
    if (form && !window.confirm(form.getAttribute("data-ask"))) event.preventDefault();
  }, true);
  document.addEventListener("click", function (event) {
    var asking = event.target.closest("button[data-ask]");
    if (asking && !window.confirm(asking.getAttribute("data-ask"))) { event.preventDefault(); return; }
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-remove-after") && elt.isConnected) elt.remove();
  });
})();
