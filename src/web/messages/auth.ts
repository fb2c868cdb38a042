import { defineMessages } from './define.ts';

export const authMessages = defineMessages({
  en: {
    'mail.verify.subject': 'Confirm your email address for Orbis',
    'mail.verify.body':
      'Hello {name},\n\nPlease confirm your email address by opening this link:\n\n{url}\n\nThe link is valid for 24 hours. If you did not create an Orbis account, you can ignore this message.\n\n— Orbis',
    'mail.reset.subject': 'Reset your Orbis password',
    'mail.reset.body':
      'Hello {name},\n\nSomeone asked to reset the password of your Orbis account. To choose a new password, open this link:\n\n{url}\n\nThe link is valid for one hour. If it was not you, ignore this message: your password stays as it is.\n\n— Orbis',
    'mail.changeEmail.subject': 'Confirm your new email address for Orbis',
    'mail.changeEmail.body':
      'Hello {name},\n\nPlease confirm that {newEmail} is the new email address of your Orbis account by opening this link:\n\n{url}\n\n— Orbis',
  },
  'zh-Hans': {
    'mail.verify.subject': '确认您在 Orbis 的电子邮箱地址',
    'mail.verify.body':
      '{name}，您好：\n\n请打开以下链接确认您的电子邮箱地址：\n\n{url}\n\n链接 24 小时内有效。如果您没有注册 Orbis 账户，请忽略此邮件。\n\n— Orbis',
    'mail.reset.subject': '重置您的 Orbis 密码',
    'mail.reset.body':
      '{name}，您好：\n\n有人请求重置您 Orbis 账户的密码。要设置新密码，请打开以下链接：\n\n{url}\n\n链接一小时内有效。如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。\n\n— Orbis',
    'mail.changeEmail.subject': '确认您在 Orbis 的新电子邮箱地址',
    'mail.changeEmail.body':
      '{name}，您好：\n\n请打开以下链接，确认 {newEmail} 是您 Orbis 账户的新电子邮箱地址：\n\n{url}\n\n— Orbis',
  },
  ar: {
    'mail.verify.subject': 'أكّد عنوان بريدك الإلكتروني في Orbis',
    'mail.verify.body':
      'مرحبًا {name}،\n\nيرجى تأكيد عنوان بريدك الإلكتروني بفتح هذا الرابط:\n\n{url}\n\nالرابط صالح لمدة 24 ساعة. إذا لم تنشئ حسابًا في Orbis فيمكنك تجاهل هذه الرسالة.\n\n— Orbis',
    'mail.reset.subject': 'إعادة تعيين كلمة مرورك في Orbis',
    'mail.reset.body':
      'مرحبًا {name}،\n\nطلب أحدهم إعادة تعيين كلمة مرور حسابك في Orbis. لاختيار كلمة مرور جديدة افتح هذا الرابط:\n\n{url}\n\nالرابط صالح لمدة ساعة واحدة. إذا لم تكن أنت، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.\n\n— Orbis',
    'mail.changeEmail.subject': 'أكّد عنوان بريدك الإلكتروني الجديد في Orbis',
    'mail.changeEmail.body':
      'مرحبًا {name}،\n\nيرجى تأكيد أن {newEmail} هو العنوان الجديد لحسابك في Orbis بفتح هذا الرابط:\n\n{url}\n\n— Orbis',
  },
});
