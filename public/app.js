// Progressive enhancement only: every control also works through the form's buttons without JS.
document.documentElement.classList.add('js');
document.addEventListener('change', (event) => {
  const el = event.target;
  if (el instanceof HTMLElement && el.classList.contains('js-autosubmit')) {
    const form = el.closest('form');
    if (form) {
      // Drop empty fields so the URL stays short and shareable.
      for (const input of form.querySelectorAll('input, select')) {
        if (
          input.name &&
          input.value === '' &&
          !(input instanceof HTMLInputElement && input.type === 'checkbox')
        ) {
          input.disabled = true;
        }
      }
      form.submit();
    }
  }
});
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  for (const input of form.querySelectorAll('input, select')) {
    if (
      input.name &&
      input.value === '' &&
      !(input instanceof HTMLInputElement && input.type === 'checkbox')
    ) {
      input.disabled = true;
    }
  }
});
