import type { Locator, Page } from 'playwright-core';

/**
 * Runs one step of a journey and, when it fails, says which step, on which page and under which
 * heading, so that a failure reads like a bug report rather than a selector dump.
 */
export async function step<T>(page: Page, description: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const heading = await page
      .locator('h1')
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    const reason = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    throw new Error(`Step "${description}" failed on ${page.url()} (h1: ${heading?.trim() ?? 'none'}):\n${reason}`, {
      cause: error,
    });
  }
}

/** Waits for a locator to be visible and fails with a readable reason. */
export async function shouldSee(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until a locator matches nothing visible. */
export async function shouldNotSee(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

export function mainOf(page: Page): Locator {
  return page.getByRole('main');
}

export function headerOf(page: Page): Locator {
  return page.getByRole('banner');
}

/** A unique address per run so journeys never collide with each other or the demo accounts. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.org`;
}

/** Clicks the first button of the main region with that name and waits for the next page. */
export async function press(page: Page, name: string | RegExp): Promise<void> {
  await mainOf(page).getByRole('button', { name }).first().click();
  await page.waitForLoadState('domcontentloaded');
}

/** Types an answer into the text box of quiz question `question` (1-based). */
export async function answer(page: Page, question: number, value: string): Promise<void> {
  await mainOf(page)
    .getByRole('group', { name: new RegExp(`^Question ${question}\\b`) })
    .getByRole('textbox')
    .fill(value);
}
