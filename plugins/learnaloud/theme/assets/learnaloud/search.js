// The header's search, answered from the site's Pagefind index (pagefind/): the browser fetches
// Pagefind's library when the reader first opens the search, then only the index chunks and pages
// a query needs. Results use Material's search markup and styles; every text of a result is set as
// text, never as HTML (an excerpt's <mark> elements are made here).
(() => {
  const dialog = document.querySelector(".la-search[data-la-search]");
  const toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  const form = dialog.querySelector("form");
  const input = dialog.querySelector(".md-search__input");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const words = dialog.dataset;
  const library = new URL(words.laSearch, window.location.href);
  const root = new URL("..", library).pathname; // the site's own address, wherever it is served
  const SHOWN = 10; // results made at a time: each needs one small fragment of the index
  let pagefind = null;
  let current = null; // the query whose results are shown, so a slower, older one cannot replace them

  function load() {
    pagefind ??= import(library.href).then(async (module) => {
      await module.options({ baseUrl: root, excerptLength: 24 });
      module.init();
      return module;
    });
    return pagefind;
  }

  const parser = new DOMParser();
  // Pagefind's text, which may carry <mark> around the words found: text and marks only.
  function marked(html, into) {
    const body = parser.parseFromString(html, "text/html").body;
    for (const node of body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.append(mark);
      } else {
        into.append(document.createTextNode(node.textContent));
      }
    }
    return into;
  }

  function link(url, heading, title, excerpt) {
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = url;
    a.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (heading === "h1") {
      const icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.append(icon);
    }
    article.append(marked(title, document.createElement(heading)));
    if (excerpt) article.append(marked(excerpt, document.createElement("p")));
    a.append(article);
    return a;
  }

  function item(page) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    li.append(link(page.url, "h1", page.meta.title || page.url, page.excerpt));
    // A page's sections that match, as Material shows them: the page's own first one is the page.
    const sections = (page.sub_results || []).filter((s) => s.url !== page.url && s.excerpt !== page.excerpt);
    for (const section of sections.slice(0, 3)) {
      li.append(link(section.url, "h2", section.title, section.excerpt));
    }
    return li;
  }

  function count(n) {
    if (n === 0) return words.laNone;
    if (n === 1) return words.laOne;
    return words.laOther.replace("#", n.toLocaleString());
  }

  async function show(results, from) {
    const pages = await Promise.all(results.slice(from, from + SHOWN).map((r) => r.data()));
    return pages.map(item);
  }

  async function search() {
    const query = input.value.trim();
    current = query;
    if (!query) {
      meta.textContent = words.laPlaceholder;
      list.replaceChildren();
      return;
    }
    let found;
    try {
      found = await (await load()).debouncedSearch(query, {}, 200);
    } catch {
      meta.textContent = "Search could not load: reload the page to try again.";
      return;
    }
    if (found === null || current !== query) return; // a newer query is on its way
    const results = found.results;
    const items = await show(results, 0);
    if (current !== query) return;
    meta.textContent = count(results.length);
    list.replaceChildren(...items);
    let shown = SHOWN;
    if (results.length > shown) {
      const more = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button la-search__more";
      button.textContent = "More results";
      button.addEventListener("click", async () => {
        const next = await show(results, shown);
        shown += SHOWN;
        more.before(...next);
        if (shown >= results.length) more.remove();
        next[0]?.querySelector("a")?.focus();
      });
      more.append(button);
      list.append(more);
    }
  }

  function open(query) {
    if (query !== undefined) input.value = query;
    toggle.checked = true;
    input.focus();
    load();
    if (input.value) search();
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", () => {
    toggle.checked = true; // as Material's: a click into the header's box opens the dialog
    load();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    dialog.querySelector(".md-search-result__link")?.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(search); // after the input is cleared
    input.focus();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) open();
    else input.blur();
  });

  // The keys Material's own search answers: / s f open it, arrows move through results, Esc closes.
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      const typing = active && (active.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName));
      if (!typing && ["/", "s", "S", "f", "F"].includes(event.key)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const stops = [input, ...dialog.querySelectorAll(".md-search-result__link, .la-search__more")];
    const at = stops.indexOf(active);
    const next = stops[(at + (event.key === "ArrowDown" ? 1 : -1) + stops.length) % stops.length];
    event.preventDefault();
    next.focus();
  });

  // ?q=words (the 404 page's search sends one) opens the search with them.
  const asked = new URLSearchParams(window.location.search).get("q");
  if (asked) open(asked);
})();
