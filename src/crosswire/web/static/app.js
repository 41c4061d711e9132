// crosswire web app: a click on a citation opens its article beside the dossier with the exact
// span highlighted. Hand-written, no dependencies; article text is inserted as text nodes only.
(function () {
  "use strict";
  const cache = new Map();

  function fetchArticle(id) {
    if (!cache.has(id)) {
      cache.set(id, fetch("/api/articles/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); }));
    }
    return cache.get(id);
  }

  function show(reader, link, article) {
    const start = Number(link.dataset.start), end = Number(link.dataset.end);
    // Offsets count code points (Python str), not UTF-16 units: split by code point first.
    const text = Array.from(article.text);
    reader.querySelector(".reader-title").textContent = article.label + " — " + (article.title || "untitled");
    reader.querySelector(".reader-meta").textContent =
      (article.published || "undated") + " · characters " + start + "–" + end;
    const box = reader.querySelector(".reader-text");
    box.replaceChildren();
    const mark = document.createElement("mark");
    mark.className = "hl";
    mark.id = "reader-hl";
    mark.textContent = text.slice(start, end).join("");
    box.append(document.createTextNode(text.slice(0, start).join("")), mark,
      document.createTextNode(text.slice(end).join("")));
    reader.querySelector(".reader-open").setAttribute("href", link.getAttribute("href"));
    reader.hidden = false;
    document.body.classList.add("reader-open");
    mark.scrollIntoView({ block: "center" });
  }

  function onClick(event, reader) {
    const link = event.target.closest("a.cite, a.event");
    if (!link || !link.dataset.article || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    fetchArticle(link.dataset.article)
      .then(function (article) { show(reader, link, article); })
      .catch(function () { window.location.href = link.getAttribute("href"); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const reader = document.getElementById("reader");
    if (!reader) { return; }
    document.addEventListener("click", function (event) { onClick(event, reader); });
    function close() { reader.hidden = true; document.body.classList.remove("reader-open"); }
    reader.querySelector(".reader-close").addEventListener("click", close);
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); } });
  });
}());
