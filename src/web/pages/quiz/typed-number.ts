/* Shared by the quiz form on the server and the autosave island in the browser: keep it plain. */

const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * A number as people type it: Arabic-Indic digits, the Arabic decimal separator and a decimal
 * comma are all understood; anything else that is not a plain decimal number is refused.
 */
export function parseTypedNumber(text: string): number | null {
  let value = text
    .trim()
    .replace(EASTERN_DIGITS, (digit) => String((digit.charCodeAt(0) & 0xf) % 10))
    .replace(/\u066b/g, '.')
    .replace(/[\s\u066c\u00a0\u202f]/g, '');
  if (!value.includes('.') && /^[-+]?\d+,\d+$/.test(value)) value = value.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
