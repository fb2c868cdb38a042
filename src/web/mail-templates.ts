import type { AccountMailComposer } from '../modules/identity/index.ts';
import { getRequestScope } from '../platform/context/index.ts';
import { DEFAULT_LOCALE, isSupportedLocale } from '../platform/i18n/index.ts';
import { getTranslator } from './messages/index.ts';

/** Account mail is written in the language of the request that caused it. */
export const composeAccountMail: AccountMailComposer = (kind, input) => {
  const scopeLocale = getRequestScope()?.locale;
  const locale = isSupportedLocale(scopeLocale) ? scopeLocale : DEFAULT_LOCALE;
  const { t } = getTranslator(locale);
  const values = { name: input.name, url: input.url, newEmail: input.newEmail ?? '' };
  switch (kind) {
    case 'verify-email':
      return { locale, subject: t('mail.verify.subject'), text: t('mail.verify.body', values) };
    case 'reset-password':
      return { locale, subject: t('mail.reset.subject'), text: t('mail.reset.body', values) };
    case 'change-email':
      return { locale, subject: t('mail.changeEmail.subject'), text: t('mail.changeEmail.body', values) };
    case 'sign-up-attempt':
      return { locale, subject: t('mail.signUpAttempt.subject'), text: t('mail.signUpAttempt.body', values) };
  }
};
