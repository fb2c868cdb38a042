import nodemailer from 'nodemailer';

export type MailTransport = {
  /** "captured" keeps mail in the outbox for the development mailbox; "smtp" delivers it. */
  kind: 'captured' | 'smtp';
  send(message: { from: string; to: string; subject: string; text: string; html?: string }): Promise<void>;
  close(): void;
};

export function createMailTransport(smtpUrl: string | null): MailTransport {
  if (!smtpUrl) {
    return { kind: 'captured', send: async () => undefined, close: () => undefined };
  }
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    send: async (message) => {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}
