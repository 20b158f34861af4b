// Progressive enhancement only: the site works without this file.
// "/" moves the focus to the search box (unless the reader is typing somewhere).
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  var box = document.getElementById("site-search");
  if (box) { event.preventDefault(); box.focus(); box.select(); }
});

// A table wider than the screen says so above it (and the box shades the edge that hides more of it).
function markScrollableTables() {
  document.querySelectorAll(".table-scroll").forEach(function (box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("is-scrollable", wide);
    var hint = box.previousElementSibling;
    var has = hint && hint.classList.contains("scroll-hint");
    if (wide && !has) {
      hint = document.createElement("p");
      hint.className = "scroll-hint shown";
      hint.textContent = "表格较宽，可左右滑动查看。";
      box.parentNode.insertBefore(hint, box);
    } else if (!wide && has) {
      hint.remove();
    }
  });
}
document.addEventListener("DOMContentLoaded", markScrollableTables);
window.addEventListener("resize", markScrollableTables);
