import { parseTypedNumber } from '../pages/quiz/typed-number.ts';

/** Saves a little after the last change, not on every keystroke. */
const SAVE_DELAY_MS = 10_000;
/** Autosave ends this long before the due date, so that it never races the learner's submission. */
const STOP_BEFORE_DUE_MS = 5_000;

type Answers = Record<string, string[] | number | string>;

/** The form's answers as the saveQuizAnswers API takes them; unreadable numbers are left for the server form. */
function collectAnswers(form: HTMLFormElement): Answers {
  const answers: Answers = {};
  for (const fieldset of form.querySelectorAll<HTMLElement>('[data-question]')) {
    const id = fieldset.dataset.question ?? '';
    const inputs = [...fieldset.querySelectorAll<HTMLInputElement>('input')];
    const kind = fieldset.dataset.kind;
    if (kind === 'single_choice' || kind === 'multiple_choice') {
      const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
      if (chosen.length > 0) answers[id] = chosen;
      continue;
    }
    const text = inputs[0]?.value.trim() ?? '';
    if (text === '') continue;
    if (kind === 'numeric') {
      const number = parseTypedNumber(text);
      if (number !== null) answers[id] = number;
    } else answers[id] = text;
  }
  return answers;
}

/**
 * Saves the open attempt's answers in the background about ten seconds after a change, through
 * the saveQuizAnswers API, and says so in a polite live region. Offline, it waits for the
 * connection; near the due date it stops. The form's own buttons work without it.
 */
export function mountQuizAutosave(element: HTMLElement): void {
  if (!(element instanceof HTMLFormElement)) return;
  const form = element;
  const url = form.dataset.saveUrl;
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  if (!url || !status) return;
  // The server's clock decides the due date; measure how far ours is from it.
  const serverNow = Date.parse(form.dataset.serverNow ?? '');
  const offset = Number.isFinite(serverNow) ? serverNow - Date.now() : 0;
  const dueAt = Date.parse(form.dataset.dueAt ?? '');
  const stopAt = Number.isFinite(dueAt) ? dueAt - STOP_BEFORE_DUE_MS : Number.POSITIVE_INFINITY;
  let dirty = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const say = (text: string | undefined) => {
    status.textContent = text ?? '';
  };
  const stop = (text: string | undefined) => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    say(text);
  };
  const schedule = () => {
    if (timer === undefined && !stopped) timer = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  async function save(): Promise<void> {
    timer = undefined;
    if (stopped || !dirty) return;
    if (Date.now() + offset >= stopAt) return stop(form.dataset.textStopped);
    dirty = false;
    say(form.dataset.textSaving);
    try {
      const response = await fetch(url!, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ answers: collectAnswers(form) }),
      });
      if (response.ok) return say(form.dataset.textSaved);
      // Closed, submitted elsewhere or signed out: saving again would fail the same way.
      if (response.status === 401 || response.status === 403 || response.status === 404 || response.status === 409) {
        return stop(form.dataset.textFailed);
      }
      say(form.dataset.textFailed);
      if (response.status >= 500) {
        dirty = true;
        schedule();
      }
    } catch {
      dirty = true;
      say(form.dataset.textOffline);
      schedule();
    }
  }

  const changed = () => {
    dirty = true;
    schedule();
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', () => stop(undefined));
  window.addEventListener('online', () => {
    if (!dirty || stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    void save();
  });
  if (Number.isFinite(stopAt)) {
    const wait = stopAt - (Date.now() + offset);
    if (wait <= 0) stop(form.dataset.textStopped);
    // Timers cannot wait longer than about 24.8 days; a due date further away needs no timer yet.
    else if (wait < 2 ** 31 - 1) setTimeout(() => stop(form.dataset.textStopped), wait);
  }
}
