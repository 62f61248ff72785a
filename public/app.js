// Progressive enhancement only: every control also works through the form's buttons without JS.
document.documentElement.classList.add('js');

// Drop empty fields so the URL stays short and shareable.
function disableEmptyFields(form) {
  for (const input of form.querySelectorAll('input, select')) {
    if (
      input.name &&
      input.value === '' &&
      !(input instanceof HTMLInputElement && input.type === 'checkbox')
    ) {
      input.disabled = true;
    }
  }
}

document.addEventListener('change', (event) => {
  const el = event.target;
  if (el instanceof HTMLElement && el.classList.contains('js-autosubmit')) {
    const form = el.closest('form');
    if (form) {
      // form.submit() fires no submit event, so the fields are trimmed here too.
      disableEmptyFields(form);
      form.submit();
    }
  }
});
document.addEventListener('submit', (event) => {
  if (event.target instanceof HTMLFormElement) disableEmptyFields(event.target);
});
