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
  let pagefind = null; // Pagefind's library, loading or loaded
  let current = ""; // the query typed last
  let answered = null; // the query whose results are shown
  let enter = false; // Enter was pressed before the results for the query typed were shown
  let opener = null; // what had the focus before the search opened, to give it back

  function load() {
    pagefind ??= import(library.href)
      .then(async (module) => {
        await module.options({ baseUrl: root, excerptLength: 24 });
        module.init();
        return module;
      })
      .catch((error) => {
        pagefind = null; // the next query tries again
        throw error;
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

  function text(html) {
    return parser.parseFromString(html, "text/html").body.textContent;
  }

  // Titles and labels are Pagefind's plain text; excerpts are its escaped text with <mark>s.
  function link(url, heading, title, excerpt, label) {
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = url.href;
    a.tabIndex = -1;
    // A div, not Material's <article>: a link's name comes from its words, which an article hides.
    const body = document.createElement("div");
    body.className = "md-search-result__article md-typeset";
    if (heading === "h1") {
      const icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      body.append(icon);
    }
    if (label) {
      const kicker = document.createElement("p");
      kicker.className = "la-search__label";
      kicker.textContent = label;
      body.append(kicker);
    }
    const name = document.createElement(heading);
    name.textContent = title;
    body.append(name);
    if (excerpt) body.append(marked(excerpt, document.createElement("p")));
    a.append(body);
    return a;
  }

  // A result's address, if it is a page of this site: nothing a page's name does may lead elsewhere.
  function address(url) {
    const target = new URL(url, window.location.href);
    return target.origin === window.location.origin && target.pathname.startsWith(root) ? target : null;
  }

  function item(page) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const url = address(page.url);
    if (!url) return null;
    li.append(link(url, "h1", page.meta.title || page.url, page.excerpt, page.meta.label));
    // The page's best section besides the page itself, as Material shows sections.
    const section = (page.sub_results || []).find((s) => s.url !== page.url && s.excerpt !== page.excerpt);
    const sectionUrl = section && address(section.url);
    if (sectionUrl) li.append(link(sectionUrl, "h2", section.title, section.excerpt));
    return li;
  }

  // A query's words, as Pagefind splits them, lower-case.
  function terms(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Pagefind also finds words that only start like a query word ("is" for "isolation"): a word
  // counts as found when it shares most of the query word's beginning.
  function found(word, term) {
    let same = 0;
    while (same < word.length && same < term.length && word[same] === term[same]) same += 1;
    return same >= Math.min(term.length, Math.max(4, Math.ceil(term.length * 0.6)));
  }

  function exact(page, asked) {
    const seen = Array.from(page.excerpt.matchAll(/<mark>(.*?)<\/mark>/g), (m) =>
      terms(text(m[1])),
    ).flat();
    const title = terms(page.meta.title || "");
    return asked.every((term) => seen.some((word) => found(word, term)) || title.some((word) => found(word, term)));
  }

  // A page named as the query comes first, then pages whose title has every word of it.
  function rank(pages, asked) {
    const score = (page) => {
      const title = terms(page.meta.title || "");
      if (title.join(" ") === asked.join(" ")) return 2;
      return asked.every((term) => title.includes(term)) ? 1 : 0;
    };
    return pages.map((page, i) => [score(page), i, page]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map((x) => x[2]);
  }

  function count(n) {
    if (n === 0) return words.laNone;
    if (n === 1) return words.laOne;
    return words.laOther.replace("#", n.toLocaleString());
  }

  function failed() {
    meta.textContent = window.location.protocol === "file:" ? words.laFile : words.laFailed;
    list.replaceChildren();
    answered = null;
  }

  async function search() {
    const query = input.value.trim();
    current = query;
    if (!query) {
      meta.textContent = words.laPlaceholder;
      list.replaceChildren();
      answered = query;
      return;
    }
    if (!pagefind) meta.textContent = words.laLoading;
    try {
      const module = await load();
      if (current !== query) return;
      const answer = await module.debouncedSearch(query, {}, 200);
      if (answer === null || current !== query) return; // a newer query is on its way
      const asked = terms(query);
      let results = answer.results;
      const some = !results.length && asked.length > 1; // no page has every word: pages with some
      if (some) results = await someWords(module, asked);
      if (current !== query) return;
      const pages = rank(await Promise.all(results.slice(0, SHOWN).map((r) => r.data())), asked);
      if (current !== query) return;
      const close = some ? pages : pages.filter((page) => exact(page, asked));
      if (some && pages.length) meta.textContent = words.laSome.replace("#", () => query);
      else meta.textContent = close.length || !pages.length ? count(results.length) : words.laSimilar.replace("#", () => query);
      // The pages with every word first; those Pagefind found by words that only begin alike after.
      const near = close.length ? pages.filter((page) => !close.includes(page)) : [];
      list.replaceChildren(...(close.length ? close : pages).map(item).filter(Boolean));
      if (near.length) list.append(similar(), ...near.map(item).filter(Boolean));
      if (results.length > SHOWN) list.append(more(results, asked));
      answered = query;
    } catch {
      if (current === query) failed();
      return;
    }
    if (enter) {
      enter = false;
      list.querySelector(".md-search-result__link")?.click();
    }
  }

  // A question typed as a sentence ("how did places keep their volunteers") has words that no
  // page has all of: each word is searched alone, and a page ranks by the words it has, each as
  // Pagefind scores it there (how often, how weighty the page), a word few pages have counting
  // for more than one most pages have.
  async function someWords(module, asked) {
    const alone = [...new Set(asked)].filter((term) => term.length > 2);
    const answers = await Promise.all(alone.map((term) => module.search(term)));
    const pages = new Map();
    for (const { results } of answers) {
      for (const result of results) {
        const weight = result.score; // Pagefind's: how often, how weighty the page, how rare the word
        const page = pages.get(result.id) ?? { result, score: 0, best: 0 };
        page.score += weight;
        if (weight > page.best) Object.assign(page, { result, best: weight }); // its excerpt shows its best word
        pages.set(result.id, page);
      }
    }
    return [...pages.values()].sort((a, b) => b.score - a.score).map((page) => page.result);
  }

  function similar() {
    const li = document.createElement("li");
    li.className = "la-search__similar";
    li.textContent = words.laNear;
    return li;
  }

  function more(results, asked) {
    let shown = SHOWN;
    const li = document.createElement("li");
    li.className = "la-search__more-item";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "la-search__more";
    button.textContent = words.laMore;
    button.addEventListener("click", async () => {
      if (button.disabled) return; // a second press while the next results load
      button.disabled = true;
      let next;
      try {
        next = rank(await Promise.all(results.slice(shown, shown + SHOWN).map((r) => r.data())), asked)
          .map(item)
          .filter(Boolean);
      } catch {
        return failed();
      }
      shown += SHOWN;
      button.disabled = false;
      li.before(...next);
      if (shown >= results.length) li.remove();
      next[0]?.querySelector("a")?.focus();
    });
    li.append(button);
    return li;
  }

  // Open or close as Material's own controls do: the toggle changes and says so, so Material
  // keeps the page from scrolling behind the search on a phone.
  function setOpen(value) {
    if (toggle.checked === value) return;
    toggle.checked = value;
    toggle.dispatchEvent(new Event("change"));
  }

  function closed() {
    if (dialog.contains(document.activeElement)) {
      document.activeElement.blur();
      if (opener && document.contains(opener)) opener.focus({ preventScroll: true });
    }
    opener = null;
    const address = new URL(window.location.href);
    if (address.searchParams.has("q")) {
      address.searchParams.delete("q"); // a reload does not open it again
      window.history.replaceState(window.history.state, "", address);
    }
  }

  function open(query) {
    if (query !== undefined) input.value = query;
    setOpen(true);
    input.focus();
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", (event) => {
    if (!toggle.checked) opener = event.relatedTarget;
    setOpen(true);
    if (!pagefind && answered === null) meta.textContent = words.laLoading;
    load()
      .then(() => {
        if (!input.value.trim()) meta.textContent = words.laPlaceholder;
      })
      .catch(failed);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (answered === input.value.trim() && answered) list.querySelector(".md-search-result__link")?.click();
    else enter = true; // when the results for what is typed arrive
  });
  form.addEventListener("reset", () => {
    setTimeout(search); // after the input is cleared
    input.focus();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus();
      if (input.value.trim() && answered !== input.value.trim()) search();
    } else {
      closed();
    }
  });

  // The keys Material's own search answers: / s f open it, arrows move through results, Esc closes,
  // and typing on a result goes back to the box.
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      const typing = active && (active.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName));
      if (!typing && ["/", "s", "S", "f", "F"].includes(event.key)) {
        event.preventDefault();
        opener = active;
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      return;
    }
    if (event.key.length === 1 && active !== input && dialog.contains(active)) {
      input.focus(); // the letter typed lands in the box
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
