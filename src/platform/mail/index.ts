export { enqueueMail, listRecentMail, getMail, type OutgoingMail, type StoredMail } from './outbox.ts';
export { deliverDueMail, startMailDispatcher, type MailDispatcher } from './dispatcher.ts';
export { createMailTransport, type MailTransport } from './transport.ts';
