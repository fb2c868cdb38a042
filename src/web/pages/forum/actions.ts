import type { FastifyReply, FastifyRequest } from 'fastify';
import { redirectTo } from '../../render.tsx';
import { pickLanguage, readField } from './form.ts';
import { pathsOf, type RunParams } from './frame.ts';
import { explainRefusal, readBack, withNotice, type DoneCode } from './notices.ts';

/** A reply page from an address or form; anything odd is the first page. */
export function readPage(value: unknown): number {
  const text = typeof value === 'string' ? value.trim() : '';
  return /^[1-9][0-9]{0,3}$/.test(text) ? Number(text) : 1;
}

/** The language a post is marked with unless its author chose: their profile's, else the page's. */
export function defaultLanguage(request: FastifyRequest): string {
  return pickLanguage(request.viewer?.profile.locale, request.locale);
}

/**
 * Runs a form's action and goes back where the form came from, saying what happened; a refusal
 * the sender can understand goes back with its reason, anything else (not found, forbidden)
 * keeps its status page.
 */
export async function runAction(
  request: FastifyRequest<{ Params: RunParams }>,
  reply: FastifyReply,
  options: { fallback: string; anchor?: string; act: () => Promise<DoneCode> },
): Promise<FastifyReply> {
  const back = readBack(readField(request.body, 'next'), pathsOf(request).base, options.fallback);
  try {
    const done = await options.act();
    return redirectTo(reply, withNotice(back, { done }, options.anchor));
  } catch (error) {
    const code = explainRefusal(error);
    if (!code) throw error;
    return redirectTo(reply, withNotice(back, { error: code }, options.anchor));
  }
}

/** '1' and '0' as the service's yes and no; anything else goes through for the service to refuse. */
export function readSwitch(body: unknown, name: string): boolean | string {
  const value = readField(body, name);
  return value === '1' ? true : value === '0' ? false : value;
}
