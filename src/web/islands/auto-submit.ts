/** Submits a small form as soon as one of its selects changes; the button stays for no-JS. */
export function mountAutoSubmit(form: HTMLElement): void {
  if (!(form instanceof HTMLFormElement)) return;
  for (const button of form.querySelectorAll<HTMLElement>('[data-auto-submit-hide]')) button.hidden = true;
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) form.requestSubmit();
  });
}
