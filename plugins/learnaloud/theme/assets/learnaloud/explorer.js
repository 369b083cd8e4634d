// Filters for a list (the row explorer, the toolkit): facet links become checkboxes that narrow
// the list, with live counts. Without JavaScript the page stays a list, with links.
// A filter by a number (the toolkit's "how many people?") keeps the items whose [smallest,
// largest] holds it; an item with no range (null) fits any number.
// A long list is paged (the index names its pages): this page holds one page of items, the index
// every item. Narrowed, the list shows the first matches from the whole index, fetching the pages
// that hold them (their items as the server wrote them), a page of matches at a time.
(() => {
  "use strict";
  const root = document.querySelector(".la-explorer");
  if (!root) return;
  const indexUrl = new URL(root.dataset.index, window.location.href);

  fetch(indexUrl)
    .then((response) => response.json())
    .then(start)
    .catch(() => {}); // the plain list is still there

  function start(index) {
    const facets = index.facets.map(([key, values, allOf]) => ({ key, values, allOf }));
    const items = Array.from(root.querySelectorAll(".la-explorer__results [data-item]"));
    const paging = index.pages || null;
    const offset = paging ? (Number(root.dataset.page) - 1) * paging.size : 0;
    const onPage = index.items.slice(offset, paging ? offset + paging.size : undefined).length;
    // Page and index disagree (of different builds: a cache after a deploy): keep the plain list.
    if (items.length !== onPage || (paging && root.dataset.version !== index.version)) return;
    const ranges = (index.ranges || [])
      .map(([key, spans]) => ({ key, spans, field: root.querySelector(`[data-range="${key}"]`), value: null }))
      .filter((range) => range.field && range.spans.length === index.items.length);
    // A paged list's items are grouped under headings by one facet (the explorer's year).
    const grouping = paging ? facets.findIndex((facet) => facet.key === paging.group) : -1;
    const rows = index.items.map((row, i) => ({
      position: i,
      element: items[i - offset] || null, // on another page: fetched when shown
      group: grouping >= 0 ? facets[grouping].values[row[grouping][0]] : null,
      values: row.map((v) => new Set(v)),
      spans: ranges.map((range) => range.spans[i]),
    }));
    const elsewhere = paging ? pagedResults() : null; // the narrowed list of a paged list
    const chosen = facets.map(() => new Set());
    const options = [];
    const params = new URLSearchParams(window.location.search);
    const status = root.querySelector(".la-explorer__status");
    const plain = status.textContent; // the page's own words: "943 records · page 3 of 19"
    const clear = root.querySelector(".la-explorer__clear");
    const noun = root.dataset.noun;
    // Nothing matches: said where the list was, with a way back.
    const empty = document.createElement("p");
    empty.className = "la-empty";
    empty.hidden = true;
    const unticked = document.createElement("button");
    unticked.type = "button";
    unticked.className = "la-explorer__unfilter";
    unticked.textContent = "clear all filters";
    unticked.addEventListener("click", () => clear.click());
    empty.append(`No ${noun.slice(0, -1)} matches every filter you ticked: untick one, or `, unticked, ".");
    status.after(empty);

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
    // On a phone the list matters more than the filters: they start folded away, their summary
    // saying how many are ticked (a shared link's choices are in the status line too).
    const filters = root.querySelector(".la-explorer__facets");
    const ticked = document.createElement("span");
    ticked.className = "la-meta";
    filters.querySelector("summary").append(ticked);
    if (window.matchMedia("(max-width: 60em)").matches) filters.open = false;
    status.tabIndex = -1; // where focus goes when the button that had it is gone
    clear.addEventListener("click", () => {
      chosen.forEach((set) => set.clear());
      ranges.forEach((range) => {
        range.value = null;
        range.input.value = "";
      });
      update(true);
      status.focus();
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
      if (elsewhere) {
        shown = elsewhere.show(filtering() ? rows.filter((row) => matches(row, -1)) : null);
      } else {
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
      status.textContent = narrowed ? said(shown) : plain;
      empty.hidden = !narrowed || shown > 0;
      const count = chosen.reduce((sum, set) => sum + set.size, 0) + ranges.filter((r) => r.value !== null).length;
      ticked.textContent = count ? ` (${count} ticked)` : "";
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

    // How many match, and, when a paged list shows only the first of them, how many.
    function said(matches) {
      const shown = elsewhere ? elsewhere.limit() : matches;
      return `${matches} of ${rows.length} ${noun} match` + (matches > shown ? ` · the first ${shown} shown` : "");
    }

    // The narrowed list of a paged list: the matches from every page, a page of them at a time,
    // in a list of its own; the page's own list and its pager come back when nothing is ticked.
    function pagedResults() {
      const results = root.querySelector(".la-explorer__results");
      const own = Array.from(results.querySelectorAll("[data-group], .la-pager"));
      const list = document.createElement("div");
      const more = document.createElement("button");
      more.type = "button";
      more.className = "md-button la-explorer__more";
      results.append(list, more);
      const pages = new Map(); // page number → its fetch, once
      const site = new URL("..", indexUrl); // the site's root: the index is explore/records.json
      let wanted = [];
      let limit = paging.size;
      let drawn = 0; // the latest drawing wins: an older one still fetching is dropped
      // Back from a record: as many matches shown as when the reader left, and where they were.
      const left = window.history.state || {};
      let restoring = left.shown > 0; // until the first drawing
      window.addEventListener("pagehide", () => {
        if (filtering()) window.history.replaceState({ shown: limit, y: window.scrollY }, "");
      });

      more.addEventListener("click", () => {
        const first = limit;
        limit += paging.size;
        draw().then(() => {
          status.textContent = said(wanted.length);
          list.querySelectorAll("[data-item]")[first]?.querySelector("a")?.focus();
        });
      });

      function fetchPage(number) {
        if (!pages.has(number)) {
          const address = new URL(paging.urls[number - 1], site);
          const loaded = fetch(address)
            .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
            .then((text) => {
              const page = new DOMParser().parseFromString(text, "text/html");
              const found = page.querySelectorAll(".la-explorer__results [data-item]");
              // Only a page of the index's own build holds the records the index says it does.
              const held = Math.min(paging.size, rows.length - (number - 1) * paging.size);
              if (page.querySelector(".la-explorer")?.dataset.version !== index.version || found.length !== held) {
                return Promise.reject(new Error("changed"));
              }
              found.forEach((element, i) => {
                const row = rows[(number - 1) * paging.size + i];
                if (!row) return;
                const item = document.importNode(element, true);
                // Links written for that page's address, made to work on this one.
                for (const link of item.querySelectorAll("a[href]")) link.href = new URL(link.getAttribute("href"), address).href;
                row.element = item;
              });
            });
          pages.set(number, loaded);
        }
        return pages.get(number);
      }

      async function draw() {
        const ticket = ++drawn;
        const shown = wanted.slice(0, limit);
        const missing = new Set(shown.filter((row) => !row.element).map((row) => Math.floor(row.position / paging.size) + 1));
        if (missing.size) {
          list.setAttribute("aria-busy", "true");
          more.disabled = true;
          more.textContent = "Loading…";
          if (!list.querySelector("[data-item]")) list.replaceChildren(Object.assign(document.createElement("p"), { className: "la-meta", textContent: `Loading the matching ${noun}…` }));
        }
        try {
          await Promise.all(Array.from(missing, fetchPage));
        } catch {
          if (ticket === drawn) {
            list.removeAttribute("aria-busy");
            more.hidden = true;
            list.replaceChildren(Object.assign(document.createElement("p"), { className: "la-empty", textContent: "Some of the list could not be loaded, or has changed since this page was: reload the page to try again." }));
          }
          return;
        }
        if (ticket !== drawn) return;
        list.removeAttribute("aria-busy");
        const sections = [];
        for (const row of shown) {
          let section = sections[sections.length - 1];
          if (!section || section.group !== row.group) {
            section = { group: row.group, items: [] };
            sections.push(section);
          }
          section.items.push(row.element.cloneNode(true));
        }
        list.replaceChildren(
          ...sections.map(({ group, items: found }) => {
            const section = document.createElement("section");
            section.className = "la-explorer__group";
            const heading = document.createElement("h2");
            const count = document.createElement("span");
            count.className = "la-count";
            count.textContent = wanted.filter((row) => row.group === group).length;
            heading.append(`${group} `, count);
            const ul = document.createElement("ul");
            ul.className = "la-records";
            for (const item of found) item.hidden = false;
            ul.append(...found);
            section.append(heading, ul);
            return section;
          }),
        );
        const rest = wanted.length - limit;
        more.hidden = rest <= 0;
        more.disabled = false;
        more.textContent = rest > paging.size ? `Show ${paging.size} more ${noun} (${rest} not shown yet)` : `Show the other ${rest} ${noun}`;
        if (restoring) {
          restoring = false;
          window.scrollTo(0, left.y || 0);
        }
      }

      return {
        // `matching`: the rows to show, or null for the page's own list. Returns how many match.
        show(matching) {
          const narrowing = matching !== null;
          restoring = restoring && narrowing;
          if (restoring) window.history.scrollRestoration = "manual"; // the list is drawn after load
          own.forEach((element) => (element.hidden = narrowing));
          list.hidden = !narrowing;
          more.hidden = true;
          if (!narrowing) {
            drawn += 1;
            return rows.length;
          }
          wanted = matching;
          limit = restoring ? left.shown : paging.size;
          draw();
          return matching.length;
        },
        limit: () => Math.min(limit, wanted.length),
      };
    }
  }
})();
