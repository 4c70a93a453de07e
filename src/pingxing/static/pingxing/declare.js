// The declared star follows the live preview until the secretary picks one herself.
(function () {
  var select = document.getElementById("declared_star");
  if (!select) return;
  select.addEventListener("change", function () { select.dataset.touched = "1"; });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (select.dataset.touched) return;
    var star = document.querySelector("#verdict [data-star]");
    if (star) select.value = star.getAttribute("data-star");
  });
})();
