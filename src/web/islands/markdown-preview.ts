/**
 * Shows rendered Markdown beside a textarea without leaving the page. The server renders and
 * sanitises it (the same code learners' pages use); without JavaScript the Preview button
 * submits the form and the page comes back with the preview.
 */
export function mountMarkdownPreview(container: HTMLElement): void {
  const url = container.dataset.previewUrl;
  const source = container.querySelector<HTMLTextAreaElement>('textarea');
  const button = container.querySelector<HTMLButtonElement>('[data-preview-button]');
  const panel = container.querySelector<HTMLElement>('[data-preview-panel]');
  const output = container.querySelector<HTMLElement>('[data-preview-output]');
  const token = container.closest('form')?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value;
  if (!url || !source || !button || !panel || !output || !token) return;
  button.addEventListener('click', (event) => {
    event.preventDefault();
    const body = new URLSearchParams({ _csrf: token, source: source.value });
    void fetch(url, { method: 'POST', body, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((html) => {
        output.innerHTML = html;
        panel.hidden = false;
      })
      .catch(() => button.form?.requestSubmit(button));
  });
}
