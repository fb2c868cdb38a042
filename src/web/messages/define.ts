/**
 * Declares one area's messages. English fixes the keys; the compiler then insists that every
 * other locale translates each of them, so no locale can silently lag behind.
 */
export function defineMessages<const Keys extends string>(catalog: {
  en: Record<Keys, string>;
  'zh-Hans': Record<NoInfer<Keys>, string>;
  ar: Record<NoInfer<Keys>, string>;
}) {
  return catalog;
}
