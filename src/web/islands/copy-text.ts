/** Adds a copy button next to a read-only field, announcing the result to screen readers. */
export function mountCopyText(container: HTMLElement): void {
  const field = container.querySelector<HTMLInputElement>('input, textarea');
  const button = container.querySelector<HTMLButtonElement>('button[data-copy]');
  const status = container.querySelector<HTMLElement>('[data-copy-status]');
  if (!field || !button) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    void navigator.clipboard.writeText(field.value).then(
      () => {
        if (status) status.textContent = button.dataset.copiedText ?? '';
      },
      () => field.select(),
    );
  });
}
