/** One caption cue: when it shows, and its text without markup. */
export type Cue = { startSeconds: number; endSeconds: number; text: string };

const TIMING = /^((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})(?:\s+.*)?$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

function toSeconds(timestamp: string): number {
  const parts = timestamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Cue payloads may hold voice, class, language and styling tags; a transcript wants the words. */
function toPlainText(payload: string): string {
  return payload
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads the cues of a WebVTT file (W3C WebVTT: header, optional cue identifiers, timings with
 * settings, multi-line payloads; NOTE, STYLE and REGION blocks skipped). Returns null when the
 * text is not WebVTT at all.
 */
export function parseWebVtt(source: string): Cue[] | null {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^WEBVTT(?:[ \t].*)?(?:\n|$)/.test(text)) return null;
  const blocks = text.split(/\n{2,}/).slice(1);
  const cues: Cue[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((line, index) => index > 0 || line.trim() !== '');
    const timingIndex = lines.findIndex((line) => line.includes('-->'));
    if (timingIndex < 0 || timingIndex > 1) continue;
    const match = TIMING.exec(lines[timingIndex]!.trim());
    if (!match) continue;
    const startSeconds = toSeconds(match[1]!);
    const endSeconds = toSeconds(match[2]!);
    if (!(endSeconds >= startSeconds)) continue;
    const words = toPlainText(lines.slice(timingIndex + 1).join('\n'));
    if (words) cues.push({ startSeconds, endSeconds, text: words });
  }
  return cues.sort((a, b) => a.startSeconds - b.startSeconds);
}
