// The review page's links between a field and its evidence, and its keys. Plain script:
// every action also works without it (the forms post back).
(function () {
  "use strict";
  // Uploading: say that the file is being read (OCR of a scan takes a while).
  const upload = document.getElementById("upload-form");
  if (upload) {
    upload.addEventListener("submit", () => {
      const button = document.getElementById("upload-submit");
      button.textContent = button.dataset.busy;
      setTimeout(() => { button.disabled = true; }, 0);  // after the form took its values
    });
  }

  const form = document.getElementById("fields");
  if (!form) return;
  const rows = Array.from(form.querySelectorAll(".field[data-key]"));
  const marks = (key) => document.querySelectorAll(
    `.box[data-key="${key}"], mark.span[data-key="${key}"]`);

  function clearHot() {
    document.querySelectorAll(".is-hot").forEach((el) => el.classList.remove("is-hot"));
  }

  // A field was chosen: light its boxes and bring the first into view.
  function showBoxes(row) {
    clearHot();
    row.classList.add("is-hot");
    const found = marks(row.dataset.key);
    found.forEach((el) => el.classList.add("is-hot"));
    if (found.length) found[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  // A box was chosen: light its field and put the cursor in it.
  function showField(key) {
    const row = rows.find((r) => r.dataset.key === key);
    if (!row) return;
    clearHot();
    row.classList.add("is-hot");
    marks(key).forEach((el) => el.classList.add("is-hot"));
    row.scrollIntoView({ block: "center", behavior: "smooth" });
    const input = row.querySelector("input, textarea");
    if (input) input.focus({ preventScroll: true });
  }

  rows.forEach((row) => {
    row.addEventListener("focusin", () => showBoxes(row));
    row.addEventListener("click", () => showBoxes(row));
  });
  document.querySelectorAll(".box, mark.span").forEach((el) => {
    el.addEventListener("click", (event) => { event.preventDefault(); showField(el.dataset.key); });
  });

  function move(step) {
    const current = rows.findIndex((r) => r.contains(document.activeElement) || r.classList.contains("is-hot"));
    const next = rows[Math.max(0, Math.min(rows.length - 1, current + step))];
    if (next) {
      const input = next.querySelector("input, textarea");
      if (input) input.focus(); else showBoxes(next);
    }
  }

  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.ctrlKey && event.key === "Enter") {
      event.preventDefault();
      document.getElementById("review").click();
    } else if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.altKey && (event.key === "n" || event.key === "N")) {
      const next = document.getElementById("next-doc");
      if (next) { event.preventDefault(); window.location = next.href; }
    } else if (!typing && !event.ctrlKey && !event.metaKey && (event.key === "j" || event.key === "k")) {
      event.preventDefault();
      move(event.key === "j" ? 1 : -1);
    }
  });
})();
