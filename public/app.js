// Progressive enhancement only: every control also works through the form's buttons without JS.
document.documentElement.classList.add('js');

// Drop empty fields so the URL stays short and shareable. They are marked, to be turned back
// on if the browser later shows this page again from its back/forward cache.
function disableEmptyFields(form) {
  for (const input of form.querySelectorAll('input, select')) {
    if (
      input.name &&
      input.value === '' &&
      !(input instanceof HTMLInputElement && input.type === 'checkbox')
    ) {
      input.disabled = true;
      input.dataset.emptied = '';
    }
  }
}
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  for (const input of document.querySelectorAll('[data-emptied]')) {
    input.disabled = false;
    delete input.dataset.emptied;
  }
});

// Focus across reloads: the control whose change reloaded the page gets focus again on the
// next one, so keyboard and screen-reader users keep their place. Kept for one page load only.
const FOCUS_KEY = 'ireum:focus';
const FOCUS_TTL_MS = 30000;

function rememberFocus(target) {
  try {
    sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ ...target, at: Date.now() }));
  } catch {
    // Storage refused (private mode, policy): focus starts at the top as without the script.
  }
}

// Facet values change order and ids between pages, so a checkbox is found by name and value.
function focusTarget(el) {
  if (el instanceof HTMLInputElement && el.type === 'checkbox')
    return { name: el.name, value: el.value };
  return { id: el.id };
}

function findSaved(saved) {
  if (typeof saved.id === 'string' && saved.id !== '') return document.getElementById(saved.id);
  if (typeof saved.more === 'string') {
    return document.getElementById(saved.more)?.querySelector('.facet-more') ?? null;
  }
  if (typeof saved.name === 'string') {
    const boxes = [...document.querySelectorAll('input[type=checkbox]')].filter(
      (box) => box.name === saved.name,
    );
    return boxes.find((box) => box.value === saved.value) ?? boxes[0] ?? null;
  }
  return null;
}

function restoreFocus() {
  let saved;
  try {
    saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) ?? 'null');
    sessionStorage.removeItem(FOCUS_KEY);
  } catch {
    return;
  }
  if (saved === null || typeof saved !== 'object') return;
  if (!(Date.now() - Number(saved.at) < FOCUS_TTL_MS)) return;
  const el = findSaved(saved);
  if (!el) return;
  // A control inside the folded filters (phones) can only take focus once they are open.
  const details = el.closest('details');
  if (details) details.open = true;
  el.focus();
}

function submitFrom(el) {
  const form = el.form ?? el.closest('form');
  if (!form) return;
  rememberFocus(focusTarget(el));
  // form.submit() fires no submit event, so the fields are trimmed here too.
  disableEmptyFields(form);
  form.submit();
}

// Selects and the keyboard (WCAG 3.2.2): arrowing through a closed select changes its value at
// every step, so a select last operated by keys does not reload the page; it shows the Apply
// button and Enter applies. A pointer (mouse, touch) change applies at once.
let keyedSelect = null;
let pendingSelect = null;

function selectChanged(select) {
  const initial = [...select.options].find((o) => o.defaultSelected) ?? select.options[0];
  return select.value !== (initial ? initial.value : '');
}

function markPending(el) {
  const options = el.closest('.options');
  if (!options) return;
  options.classList.add('pending');
  if (el instanceof HTMLSelectElement) pendingSelect = el;
}

document.addEventListener(
  'pointerdown',
  () => {
    keyedSelect = null;
  },
  true,
);
document.addEventListener('keydown', (event) => {
  const el = event.target;
  if (!(el instanceof HTMLSelectElement) || !el.classList.contains('js-autosubmit')) return;
  if (event.key === 'Enter') {
    if (selectChanged(el)) {
      event.preventDefault();
      submitFrom(el);
    }
    return;
  }
  if (event.key !== 'Tab') keyedSelect = el;
});

document.addEventListener('change', (event) => {
  const el = event.target;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) return;
  if (!el.classList.contains('js-autosubmit')) {
    markPending(el);
  } else if (el instanceof HTMLSelectElement && keyedSelect === el) {
    markPending(el);
  } else {
    submitFrom(el);
  }
});

document.addEventListener('submit', (event) => {
  if (!(event.target instanceof HTMLFormElement)) return;
  const submitter = event.submitter;
  if (submitter?.classList.contains('apply-options') && pendingSelect) {
    rememberFocus(focusTarget(pendingSelect));
  } else if (submitter?.name === 'find') {
    rememberFocus({ id: 'person_q' });
  }
  disableEmptyFields(event.target);
});

// "Show more" reloads the page; focus comes back to the same facet's link ("Show fewer").
document.addEventListener('click', (event) => {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
    return;
  const link = event.target instanceof Element ? event.target.closest('a.facet-more') : null;
  const facet = link?.closest('fieldset.facet');
  if (facet?.id) rememberFocus({ more: facet.id });
});

// The filters fold into a disclosure on narrow screens only; wide screens keep them open.
const filters = document.getElementById('filters');
if (filters instanceof HTMLDetailsElement) {
  const narrow = window.matchMedia('(max-width: 800px)');
  if (!narrow.matches) filters.open = true;
  narrow.addEventListener('change', () => {
    if (!narrow.matches) filters.open = true;
    else if (!filters.contains(document.activeElement)) filters.open = false;
  });
}

restoreFocus();

// Name autocomplete (ARIA 1.2 combobox with a list popup): typing in the search box suggests
// people from /api/suggest; arrows move through them, Enter opens the person's page, Escape
// closes the list. Without the script the box is a plain search field.
const box = document.getElementById('q');
if (box instanceof HTMLInputElement) {
  const list = document.createElement('ul');
  list.id = 'q-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'People');
  list.className = 'suggestions';
  list.hidden = true;
  box.after(list);
  box.setAttribute('role', 'combobox');
  box.setAttribute('aria-autocomplete', 'list');
  box.setAttribute('aria-expanded', 'false');
  box.setAttribute('aria-controls', list.id);
  let items = [];
  let active = -1;
  let asked = 0;
  let timer = 0;

  const close = () => {
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const mark = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) box.setAttribute('aria-activedescendant', `q-opt-${i}`);
    else box.removeAttribute('aria-activedescendant');
  };
  const choose = (i) => {
    const s = items[i];
    if (s) window.location.assign(`/people/${encodeURIComponent(s.key)}`);
  };
  const show = (suggestions) => {
    items = suggestions;
    list.replaceChildren(
      ...suggestions.map((s, i) => {
        const li = document.createElement('li');
        li.id = `q-opt-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const name = document.createElement('span');
        name.textContent = s.hangul.length > 0 ? `${s.display} ${s.hangul[0]}` : s.display;
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = ` ${s.count} ${s.count === 1 ? 'article' : 'articles'}`;
        li.append(name, count);
        li.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(i);
        });
        return li;
      }),
    );
    const open = suggestions.length > 0;
    list.hidden = !open;
    box.setAttribute('aria-expanded', String(open));
    mark(-1);
  };
  const ask = async () => {
    const q = box.value.trim();
    const mine = ++asked;
    if (q.length < 2) {
      close();
      return;
    }
    try {
      const res = await fetch(`/api/suggest?q=${encodeURIComponent(q)}`);
      if (!res.ok || mine !== asked) return;
      show((await res.json()).suggestions ?? []);
    } catch {
      close();
    }
  };
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  box.addEventListener('keydown', (event) => {
    const open = !list.hidden && items.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      mark((active + 1) % items.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      mark(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  });
  box.addEventListener('blur', () => setTimeout(close, 150));
}
