// The declared star follows the live preview until the secretary picks one herself (or a
// draft already holds her choice: the server marks the select as touched then).
(function () {
  var select = document.getElementById("declared_star");
  if (!select) return;
  var chosen = document.getElementById("declared_star_chosen");
  select.addEventListener("change", function () {
    select.dataset.touched = "1";
    if (chosen) chosen.value = "1";  // from now on the draft keeps her choice
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    if (select.dataset.touched) return;
    var star = document.querySelector("#verdict [data-star]");
    if (star) select.value = star.getAttribute("data-star");
  });
})();
