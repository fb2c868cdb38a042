import { islands } from './registry.ts';

/** Mounts every island found on the page; a page without islands runs nothing. */
function mountIslands(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-island]')) {
    const name = element.dataset.island ?? '';
    const mount = islands[name];
    if (mount && !element.dataset.islandMounted) {
      element.dataset.islandMounted = 'true';
      mount(element);
    }
  }
}

mountIslands(document);
