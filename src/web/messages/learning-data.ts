import { defineMessages } from './define.ts';

/** Learning records and the learner's data export. */
export const learningDataMessages = defineMessages({
  en: {
    'learningData.title': 'Your learning data',
    'learningData.lead':
      'Download a copy of everything Orbis records about your learning, in one JSON file you can keep, read or take to another platform.',
    'learningData.contents.title': 'What the file contains',
    'learningData.contents.account': 'Your account: name, email address, language, country and the date you joined.',
    'learningData.contents.enrollments': 'Enrollments: every course run you joined or left, with the dates.',
    'learningData.contents.courseware':
      'Progress: the parts of each course you completed, how much of each video you watched and where you last were.',
    'learningData.contents.assessment':
      'Quizzes and grades: every attempt with your answers and its receipt fingerprint (SHA-256), your scores, your course grades and any change staff made to a grade, with the reason.',
    'learningData.contents.statements':
      'Learning records: every statement about your learning in the xAPI 2.0 format, exactly as it was stored.',
    'learningData.leftOut.title': 'What it leaves out',
    'learningData.leftOut.reveal':
      'Which answers were right stays hidden until a quiz shows it to you, just as on the quiz pages.',
    'learningData.leftOut.others': 'Nothing about other people: not even who changed one of your grades.',
    'learningData.download': 'Download my learning data (JSON)',
    'learningData.audited': 'Each download is recorded in the platform’s audit log.',
    'learningData.api.title': 'For scripts',
    'learningData.api.text':
      'With a personal API token, a script can download the same file from {exportPath} and read your learning records page by page from {statementsPath}.',
    'learningData.api.reference': 'API reference',
    'learningData.back': 'Back to your account',
    'learningData.account.title': 'Your learning data',
    'learningData.account.text': 'See what Orbis records about your learning and download a copy.',
    'learningData.account.link': 'Your learning data',
    'api.docs.tag.Learning records': 'Learning records',
  },
  'zh-Hans': {
    'learningData.title': '您的学习数据',
    'learningData.lead':
      '下载 Orbis 记录的关于您学习的全部数据副本。它是一个 JSON 文件，您可以保存、查看或带到其他平台。',
    'learningData.contents.title': '文件包含的内容',
    'learningData.contents.account': '您的账户：姓名、电子邮件地址、语言、国家/地区和注册日期。',
    'learningData.contents.enrollments': '选课记录：您加入或退出的每个课程期次，以及相应日期。',
    'learningData.contents.courseware':
      '学习进度：您在每门课程中已完成的部分、每个视频的观看进度以及您上次学习的位置。',
    'learningData.contents.assessment':
      '测验与成绩：每次作答及您的答案和回执指纹（SHA-256）、您的得分、课程成绩，以及教学人员对成绩所做的任何调整及其理由。',
    'learningData.contents.statements': '学习记录：以 xAPI 2.0 格式存储的关于您学习的每条陈述，与存储时完全一致。',
    'learningData.leftOut.title': '文件不包含的内容',
    'learningData.leftOut.reveal': '在测验向您公布之前，哪些答案正确仍会保密，与测验页面一致。',
    'learningData.leftOut.others': '不包含任何关于他人的信息，甚至不包括是谁调整了您的成绩。',
    'learningData.download': '下载我的学习数据（JSON）',
    'learningData.audited': '每次下载都会记录在平台的审计日志中。',
    'learningData.api.title': '供脚本使用',
    'learningData.api.text':
      '使用个人 API 令牌，脚本可以从 {exportPath} 下载同一文件，并从 {statementsPath} 逐页读取您的学习记录。',
    'learningData.api.reference': 'API 参考',
    'learningData.back': '返回您的账户',
    'learningData.account.title': '您的学习数据',
    'learningData.account.text': '查看 Orbis 记录的关于您学习的数据并下载副本。',
    'learningData.account.link': '您的学习数据',
    'api.docs.tag.Learning records': '学习记录',
  },
  ar: {
    'learningData.title': 'بيانات تعلّمك',
    'learningData.lead':
      'نزّل نسخة من كل ما يسجّله Orbis عن تعلّمك، في ملف JSON واحد يمكنك الاحتفاظ به أو قراءته أو نقله إلى منصة أخرى.',
    'learningData.contents.title': 'ما يحتويه الملف',
    'learningData.contents.account': 'حسابك: الاسم وعنوان البريد الإلكتروني واللغة والبلد وتاريخ انضمامك.',
    'learningData.contents.enrollments': 'التسجيلات: كل دورة انضممت إليها أو غادرتها، مع التواريخ.',
    'learningData.contents.courseware':
      'التقدّم: أجزاء كل مقرر التي أكملتها، وما شاهدته من كل فيديو، وآخر موضع وصلت إليه.',
    'learningData.contents.assessment':
      'الاختبارات والدرجات: كل محاولة مع إجاباتك وبصمة إيصالها (SHA-256)، ودرجاتك، ودرجات المقررات، وأي تعديل أجراه الطاقم على درجة مع سببه.',
    'learningData.contents.statements': 'سجلات التعلّم: كل عبارة عن تعلّمك بصيغة xAPI 2.0، تمامًا كما خُزّنت.',
    'learningData.leftOut.title': 'ما لا يتضمنه الملف',
    'learningData.leftOut.reveal': 'تبقى الإجابات الصحيحة مخفية إلى أن يعرضها الاختبار عليك، كما في صفحات الاختبارات.',
    'learningData.leftOut.others': 'لا شيء عن أشخاص آخرين، ولا حتى من عدّل إحدى درجاتك.',
    'learningData.download': 'تنزيل بيانات تعلّمي (JSON)',
    'learningData.audited': 'يُسجَّل كل تنزيل في سجل التدقيق الخاص بالمنصة.',
    'learningData.api.title': 'للبرامج النصية',
    'learningData.api.text':
      'باستخدام رمز API شخصي، يمكن لبرنامج نصي تنزيل الملف نفسه من {exportPath} وقراءة سجلات تعلّمك صفحةً بعد صفحة من {statementsPath}.',
    'learningData.api.reference': 'مرجع واجهة البرمجة',
    'learningData.back': 'العودة إلى حسابك',
    'learningData.account.title': 'بيانات تعلّمك',
    'learningData.account.text': 'اطّلع على ما يسجّله Orbis عن تعلّمك ونزّل نسخة منه.',
    'learningData.account.link': 'بيانات تعلّمك',
    'api.docs.tag.Learning records': 'سجلات التعلّم',
  },
});
