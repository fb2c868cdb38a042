import { ETHICS, HISTORY, LEARNING, NEURAL, SEARCH } from './ai-intro-text.ts';
import type { DemoCourse } from './types.ts';

/** A course taught in Chinese by Tsinghua, scheduled for spring 2027. */
export const AI_INTRO_COURSE: DemoCourse = {
  key: 'ai-introduction',
  leadInstitutionKey: 'tsinghua',
  partnerInstitutionKeys: [],
  leadInstructorEmail: 'instructor@demo.orbis.test',
  team: [],
  metadata: {
    title: { 'zh-Hans': '人工智能导论', en: 'Introduction to Artificial Intelligence' },
    shortDescription: {
      'zh-Hans': '从搜索、机器学习到神经网络，系统了解人工智能的基本思想、方法与伦理问题。',
      en: 'The core ideas, methods and ethics of AI, from search and machine learning to neural networks. Taught in Chinese.',
    },
    description: {
      'zh-Hans':
        '本课程面向各专业本科生和社会学习者，介绍人工智能的发展历史、搜索算法、机器学习的三种范式、神经网络与深度学习的基本原理，以及负责任的人工智能。每周配有练习和测验，帮助你把概念和简单计算联系起来。课程以中文讲授。',
      en: 'For undergraduates of any field and lifelong learners: the history of AI, search algorithms, the three paradigms of machine learning, the basics of neural networks and deep learning, and responsible AI. Weekly exercises link the concepts to simple calculations. Taught in Chinese.',
    },
    subjects: ['ict'],
    skills: [
      { name: { 'zh-Hans': '机器学习', en: 'machine learning' } },
      { name: { 'zh-Hans': '搜索算法', en: 'search algorithms' } },
      { name: { 'zh-Hans': '人工智能伦理', en: 'AI ethics' } },
    ],
    level: 'introductory',
    languages: ['zh-Hans'],
    prerequisites: {
      'zh-Hans': '高中数学；了解任意一种编程语言更佳。',
      en: 'Secondary-school mathematics; some programming helps.',
    },
    outcomes: [
      { 'zh-Hans': '概述人工智能的发展历程和主要学派。', en: 'Outline the history and main schools of AI.' },
      { 'zh-Hans': '比较广度优先、深度优先和 A* 搜索。', en: 'Compare breadth-first, depth-first and A* search.' },
      {
        'zh-Hans': '区分监督学习、无监督学习和强化学习，并识别过拟合。',
        en: 'Tell supervised, unsupervised and reinforcement learning apart and recognise overfitting.',
      },
      { 'zh-Hans': '计算单个神经元的输出。', en: 'Compute the output of a single neuron.' },
    ],
    effort: { hoursPerWeek: 3, weeks: 8 },
    ectsCredits: 2,
    licence: 'CC-BY-NC-SA-4.0',
  },
  sections: [
    {
      title: '第一章 人工智能概述',
      units: [
        {
          title: '什么是人工智能',
          blocks: [
            { type: 'text', title: '人工智能的定义与简史', body: HISTORY },
            {
              type: 'link',
              title: '图灵：《计算机器与智能》（1950）',
              url: 'https://doi.org/10.1093/mind/LIX.236.433',
              description: '提出“模仿游戏”的原始论文（英文）。',
            },
          ],
        },
        {
          title: '搜索',
          blocks: [
            { type: 'text', title: '搜索算法', body: SEARCH },
            {
              type: 'quiz',
              title: '第一章测验',
              assignmentType: 'Homework',
              attemptsAllowed: 3,
              shuffleChoices: true,
              questions: [
                {
                  id: 'dartmouth',
                  kind: 'numeric',
                  prompt: '“人工智能”一词首次在达特茅斯会议上使用。这次会议是在哪一年举行的？',
                  answer: 1956,
                  tolerance: 0,
                },
                {
                  id: 'turing',
                  kind: 'short_text',
                  prompt: '“模仿游戏”后来被称为以哪位科学家的名字命名的测试？请写出他的姓。',
                  acceptedAnswers: ['图灵', 'Turing', '阿兰·图灵', 'Alan Turing'],
                  normalisation: { ignorePunctuation: true },
                },
                {
                  id: 'optimal',
                  kind: 'single_choice',
                  prompt:
                    '在启发函数可采纳的条件下，哪种算法保证找到代价最小的路径，且通常比一致代价搜索扩展更少的节点？',
                  choices: [
                    { id: 'a', text: '深度优先搜索', correct: false },
                    { id: 'b', text: 'A* 搜索', correct: true },
                    { id: 'c', text: '随机搜索', correct: false },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: '第二章 机器学习',
      units: [
        {
          title: '三种学习范式',
          blocks: [
            { type: 'text', title: '监督、无监督与强化学习', body: LEARNING },
            {
              type: 'link',
              title: 'scikit-learn 用户指南',
              url: 'https://scikit-learn.org/stable/user_guide.html',
              description: '常用机器学习算法的说明与示例（英文）。',
            },
          ],
        },
        {
          title: '神经网络',
          blocks: [
            { type: 'text', title: '从感知机到深度学习', body: NEURAL },
            {
              type: 'quiz',
              title: '第二章测验',
              assignmentType: 'Homework',
              attemptsAllowed: 3,
              questions: [
                {
                  id: 'neuron',
                  kind: 'numeric',
                  prompt: '一个神经元的输入 x = (1, 2)，权重 w = (0.5, −0.25)，偏置 b = 0.2。加权和 z 等于多少？',
                  answer: 0.2,
                  tolerance: 0.001,
                  explanation: 'z = 0.5 × 1 + (−0.25) × 2 + 0.2 = 0.2。',
                },
                {
                  id: 'supervised',
                  kind: 'multiple_choice',
                  prompt: '下列哪些任务通常属于监督学习？',
                  choices: [
                    { id: 'a', text: '根据已标注的邮件识别垃圾邮件', correct: true },
                    { id: 'b', text: '根据历史成交数据预测房价', correct: true },
                    { id: 'c', text: '在没有标签的情况下把用户分成若干群体', correct: false },
                    { id: 'd', text: '通过试错学习下围棋', correct: false },
                  ],
                },
                {
                  id: 'overfit',
                  kind: 'single_choice',
                  prompt: '模型在训练集上准确率为 99%，在测试集上只有 60%。这最可能说明什么？',
                  choices: [
                    { id: 'a', text: '欠拟合', correct: false },
                    { id: 'b', text: '过拟合', correct: true },
                    { id: 'c', text: '测试集太大', correct: false },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: '第三章 负责任的人工智能',
      units: [
        {
          title: '伦理与治理',
          blocks: [
            { type: 'text', title: '负责任的人工智能', body: ETHICS },
            {
              type: 'link',
              title: '联合国教科文组织：《人工智能伦理问题建议书》',
              url: 'https://www.unesco.org/en/artificial-intelligence/recommendation-ethics',
              description: '2021 年通过的首个关于人工智能伦理的全球性规范文书，页面提供包括中文在内的多种语言版本。',
            },
            {
              type: 'quiz',
              title: '期末考试',
              assignmentType: 'Exam',
              attemptsAllowed: 1,
              questions: [
                {
                  id: 'principles',
                  kind: 'multiple_choice',
                  prompt: '下列哪些属于负责任人工智能的基本要求？',
                  choices: [
                    { id: 'a', text: '公平性', correct: true },
                    { id: 'b', text: '透明与可解释', correct: true },
                    { id: 'c', text: '尽可能多地收集个人数据', correct: false },
                    { id: 'd', text: '明确问责', correct: true },
                  ],
                },
                {
                  id: 'relu',
                  kind: 'numeric',
                  prompt: 'ReLU 激活函数的输入为 z = −1.5 时，输出是多少？',
                  answer: 0,
                  tolerance: 0,
                },
                {
                  id: 'paradigm',
                  kind: 'short_text',
                  prompt: 'AlphaGo 通过自我对弈不断改进策略，主要用到了哪一种学习范式？',
                  acceptedAnswers: ['强化学习', '增强学习', 'reinforcement learning'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  runs: [
    {
      code: '2027-spring',
      pacing: 'scheduled',
      language: 'zh-Hans',
      enrollmentOpensAt: '2026-11-01T00:00:00+08:00',
      enrollmentClosesAt: '2027-03-20T23:59:59+08:00',
      startsAt: '2027-03-01T00:00:00+08:00',
      endsAt: '2027-06-30T23:59:59+08:00',
      capacity: null,
      certificatePolicy: 'free_on_pass',
      gradingPolicy: {
        assignmentTypes: [
          { name: 'Homework', weight: 0.5, dropLowest: 0 },
          { name: 'Exam', weight: 0.5, dropLowest: 0 },
        ],
        passMark: 0.6,
      },
    },
  ],

  publishMessage: '2027 年春季学期首次发布。',
};
