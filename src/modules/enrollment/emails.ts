/**
 * E-mail lists for bulk enrollment: pasted text or an uploaded CSV becomes a list of addresses,
 * and a list becomes distinct, normalised addresses with the unreadable ones set aside.
 */

/** What a mail system accepts in practice; deliverability is not ours to judge here. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;
// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const CONTROL = /[\u0000-\u001F\u007F]/u;
const MAX_EMAIL_LENGTH = 254;

/** Accounts store addresses trimmed and in lower case, so lists are compared the same way. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function isPlausibleEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && !CONTROL.test(email) && EMAIL.test(email);
}

export type EmailList = {
  /** Distinct valid addresses, normalised, in the order first given. */
  valid: string[];
  /** Distinct entries that are not addresses, as given (trimmed), with their place in the list. */
  invalid: Array<{ email: string; position: number }>;
  /** Place of each valid address among all distinct entries, to report failures in list order. */
  positions: Map<string, number>;
  /** Entries given more than once (after normalising). */
  duplicates: number;
};

export function sortEmailList(entries: readonly string[]): EmailList {
  const list: EmailList = { valid: [], invalid: [], positions: new Map(), duplicates: 0 };
  const seen = new Set<string>();
  for (const entry of entries) {
    const email = normaliseEmail(entry);
    if (email === '') continue;
    if (seen.has(email)) {
      list.duplicates += 1;
      continue;
    }
    seen.add(email);
    const position = seen.size - 1;
    if (isPlausibleEmail(email)) {
      list.valid.push(email);
      list.positions.set(email, position);
    } else {
      list.invalid.push({ email: entry.trim().slice(0, MAX_EMAIL_LENGTH), position });
    }
  }
  return list;
}

function unquote(cell: string): string {
  return cell
    .trim()
    .replace(/^"(.*)"$/su, '$1')
    .trim();
}

/** "Jane Doe <jane@example.org>" and bare addresses alike; several per cell when spaces part them. */
function readCell(cell: string): string[] {
  const value = unquote(cell);
  const angled = /<([^<>]+)>/u.exec(value);
  if (angled) return [angled[1]!.trim()];
  return value.split(/\s+/u).filter(Boolean);
}

/**
 * Reads addresses from pasted text ('list') or a CSV file ('csv'): one or more per line,
 * separated by commas, semicolons, tabs or spaces; "Name <address>" gives the address. In a list
 * every other piece is an entry too, so a mistyped address is reported, never dropped. In a CSV
 * only cells holding an "@" count, so names and other columns are skipped; a first line without
 * any address is the header, and any later line without one is kept as an entry for the report.
 */
export function readEmailText(text: string, format: 'list' | 'csv' = 'list'): string[] {
  const entries: string[] = [];
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(/[,;\t]/u).flatMap(readCell);
    if (format === 'list') {
      entries.push(...cells);
      return;
    }
    const addresses = cells.filter((cell) => cell.includes('@'));
    if (addresses.length > 0) entries.push(...addresses);
    else if (index > 0) entries.push(line.trim());
  });
  return entries;
}
