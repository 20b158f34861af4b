// The export page's 全选 box, bound here: the Content-Security-Policy allows no inline handlers.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]').forEach((box) => {
        box.checked = toggle.checked;
      });
    });
  });
});
