/**
 * Drag-and-drop ordering for a list whose items carry `data-reorder-item` (the address that
 * moves the item). The up/down buttons stay: this only adds a faster way for pointer users.
 */
export function mountReorder(list: HTMLElement): void {
  const items = () =>
    [...list.children].filter(
      (child): child is HTMLElement => child instanceof HTMLElement && !!child.dataset.reorderItem,
    );
  const token = document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value;
  if (!token) return;
  let dragged: HTMLElement | null = null;
  for (const item of items()) {
    item.draggable = true;
    item.addEventListener('dragstart', (event) => {
      event.stopPropagation();
      dragged = item;
      event.dataTransfer?.setData('text/plain', item.dataset.reorderItem ?? '');
    });
  }
  list.addEventListener('dragover', (event) => {
    if (dragged && dragged.parentElement === list) event.preventDefault();
  });
  list.addEventListener('drop', (event) => {
    const moving = dragged;
    dragged = null;
    if (!moving || moving.parentElement !== list) return;
    event.preventDefault();
    event.stopPropagation();
    const target = items().find((item) => item.contains(event.target as Node));
    const position = target ? items().indexOf(target) : items().length - 1;
    const body = new URLSearchParams({ _csrf: token, position: String(position) });
    void fetch(moving.dataset.reorderItem ?? '', { method: 'POST', body, credentials: 'same-origin' }).then(() =>
      window.location.reload(),
    );
  });
}
