// Irreversible steps: a button with data-confirm="<dialog id>" opens that dialog, which lists
// the consequences, instead of submitting; the dialog's own button submits (name=confirmed).
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button) {
      var dialog = document.getElementById(button.getAttribute("data-confirm"));
      if (!dialog || !dialog.showModal) return;  // no dialog support: the server asks instead
      event.preventDefault();
      var star = document.querySelector("#cmp-corrected[data-star]");
      var slot = dialog.querySelector(".confirm-star");
      if (star && slot) slot.textContent = star.getAttribute("data-star") || "—";
      if (dialog.open) dialog.close();
      dialog.showModal();
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) closer.closest("dialog").close();
  });
})();
