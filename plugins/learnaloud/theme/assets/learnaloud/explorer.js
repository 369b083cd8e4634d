// Filters for a list (the row explorer, the toolkit): facet links become checkboxes that narrow
// the list, with live counts. Without JavaScript the page stays a complete list, with links.
// A filter by a number (the toolkit's "how many people?") keeps the items whose [smallest,
// largest] holds it; an item with no range (null) fits any number.
(() => {
  "use strict";
  const root = document.querySelector(".la-explorer");
  if (!root) return;

  fetch(root.dataset.index)
    .then((response) => response.json())
    .then(start)
    .catch(() => {}); // the plain list is still there

  function start(index) {
    const facets = index.facets.map(([key, values, allOf]) => ({ key, values, allOf }));
    const items = Array.from(root.querySelectorAll(".la-explorer__results [data-item]"));
    if (items.length !== index.items.length) return; // page and index disagree: keep the plain list
    const ranges = (index.ranges || [])
      .map(([key, spans]) => ({ key, spans, field: root.querySelector(`[data-range="${key}"]`), value: null }))
      .filter((range) => range.field && range.spans.length === items.length);
    const rows = index.items.map((row, i) => ({
      element: items[i],
      values: row.map((v) => new Set(v)),
      spans: ranges.map((range) => range.spans[i]),
    }));
    const chosen = facets.map(() => new Set());
    const options = [];
    const params = new URLSearchParams(window.location.search);
    const status = root.querySelector(".la-explorer__status");
    const clear = root.querySelector(".la-explorer__clear");

    facets.forEach((facet, k) => {
      for (const value of (params.get(facet.key) || "").split(",")) {
        const at = facet.values.indexOf(value);
        if (at >= 0) chosen[k].add(at);
      }
      const fieldset = root.querySelector(`fieldset[data-facet="${facet.key}"]`);
      for (const item of fieldset.querySelectorAll("li[data-value]")) {
        const at = facet.values.indexOf(item.dataset.value);
        const count = item.querySelector(".la-count");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = facet.key;
        box.value = item.dataset.value;
        const label = document.createElement("label");
        label.append(box, " " + item.querySelector("[data-label]").textContent + " ", count);
        item.replaceChildren(label);
        box.addEventListener("change", () => {
          if (box.checked) chosen[k].add(at);
          else chosen[k].delete(at);
          update(true);
        });
        options.push({ k, at, box, count, item });
      }
    });
    ranges.forEach((range) => {
      const input = range.field.querySelector("input");
      range.input = input;
      range.value = number(params.get(range.key));
      if (range.value !== null) input.value = String(range.value);
      range.field.querySelector("[data-range-field]").hidden = false;
      const note = range.field.querySelector("[data-range-nojs]");
      if (note) note.hidden = true;
      input.addEventListener("input", () => {
        range.value = number(input.value);
        update(true);
      });
    });
    clear.hidden = false;
    // On a phone the list matters more than the filters: start with them folded away.
    const filters = root.querySelector(".la-explorer__facets");
    if (window.matchMedia("(max-width: 60em)").matches && !filtering()) filters.open = false;
    clear.addEventListener("click", () => {
      chosen.forEach((set) => set.clear());
      ranges.forEach((range) => {
        range.value = null;
        range.input.value = "";
      });
      update(true);
    });
    update(false);

    // A whole number of at least one, or null: nothing to filter by.
    function number(text) {
      const value = Number(text);
      return text && Number.isInteger(value) && value >= 1 ? value : null;
    }

    function filtering() {
      return chosen.some((set) => set.size > 0) || ranges.some((range) => range.value !== null);
    }

    function fits(row) {
      return ranges.every((range, r) => {
        const span = row.spans[r];
        return range.value === null || span === null || (span[0] <= range.value && range.value <= span[1]);
      });
    }

    function matches(row, skip) {
      if (!fits(row)) return false;
      return facets.every((facet, k) => {
        if (k === skip || chosen[k].size === 0) return true;
        const have = row.values[k];
        const wanted = Array.from(chosen[k]);
        return facet.allOf ? wanted.every((v) => have.has(v)) : wanted.some((v) => have.has(v));
      });
    }

    function update(remember) {
      let shown = 0;
      for (const row of rows) {
        const visible = matches(row, -1);
        row.element.hidden = !visible;
        if (visible) shown += 1;
      }
      for (const group of root.querySelectorAll("[data-group]")) {
        const visible = group.querySelectorAll("[data-item]:not([hidden])").length;
        group.hidden = visible === 0;
        group.querySelector("[data-group-count]").textContent = visible;
      }
      for (const option of options) {
        const facet = facets[option.k];
        const others = facet.allOf ? Array.from(chosen[option.k]) : [];
        const count = rows.filter(
          (row) =>
            matches(row, option.k) &&
            row.values[option.k].has(option.at) &&
            others.every((v) => row.values[option.k].has(v)),
        ).length;
        option.count.textContent = count;
        option.box.checked = chosen[option.k].has(option.at);
        option.item.classList.toggle("la-facet__none", count === 0 && !option.box.checked);
      }
      const narrowed = filtering();
      const noun = root.dataset.noun;
      status.textContent = narrowed ? `${shown} of ${rows.length} ${noun} match` : `${rows.length} ${noun}`;
      clear.disabled = !narrowed;
      if (remember) {
        const query = new URLSearchParams();
        facets.forEach((facet, k) => {
          if (chosen[k].size) query.set(facet.key, Array.from(chosen[k]).map((v) => facet.values[v]).join(","));
        });
        ranges.forEach((range) => {
          if (range.value !== null) query.set(range.key, String(range.value));
        });
        const search = query.toString();
        window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
      }
    }
  }
})();
