import { ANOMALIES, DECISIONS, FINDING_DATA, HEAT_ISLANDS, WELCOME } from './climate-data-text.ts';
import type { DemoCourse } from './types.ts';

/** The joint course of Tsinghua (lead) and Nairobi, with the captioned welcome video. */
export const CLIMATE_DATA_COURSE: DemoCourse = {
  key: 'climate-data-cities',
  leadInstitutionKey: 'tsinghua',
  partnerInstitutionKeys: ['nairobi'],
  leadInstructorEmail: 'instructor@demo.orbis.test',
  team: [{ email: 'instructor.nairobi@demo.orbis.test', institutionKey: 'nairobi', role: 'instructor' }],
  metadata: {
    title: {
      en: 'Climate Data for Sustainable Cities',
      'zh-Hans': '面向可持续城市的气候数据',
      sw: 'Data za Hali ya Hewa kwa Miji Endelevu',
    },
    shortDescription: {
      en: 'Find, analyse and explain open climate data to make cities cooler, safer and fairer — with worked examples from Beijing and Nairobi.',
      'zh-Hans': '查找、分析并解读开放气候数据，让城市更凉爽、更安全、更公平——以北京和内罗毕为案例。',
      sw: 'Tafuta, chambua na eleza data huria za hali ya hewa ili kufanya miji iwe baridi, salama na ya haki zaidi — kwa mifano kutoka Beijing na Nairobi.',
    },
    description: {
      en: 'Most people now live in cities, and cities feel climate change first: heatwaves, floods and droughts. This four-week course, taught jointly by Tsinghua University and the University of Nairobi, teaches you to find open climate datasets, compute baselines, anomalies and trends in a spreadsheet, measure the urban heat island, and turn the results into a clear brief for decision makers. No programming is required.',
      'zh-Hans':
        '如今大多数人生活在城市，而城市最先感受到气候变化：热浪、洪水和干旱。本课程为期四周，由清华大学与内罗毕大学联合讲授，教你查找开放气候数据集，在电子表格中计算基准值、距平和趋势，测量城市热岛效应，并把结果写成给决策者的简明报告。无需编程基础。',
    },
    subjects: ['natural_sciences', 'engineering'],
    skills: [
      { name: { en: 'climate data analysis', 'zh-Hans': '气候数据分析' } },
      { name: { en: 'urban climate adaptation', 'zh-Hans': '城市气候适应' } },
      { name: { en: 'spreadsheet analysis', 'zh-Hans': '电子表格分析' } },
    ],
    level: 'introductory',
    languages: ['en'],
    prerequisites: {
      en: 'Secondary-school mathematics and basic spreadsheet use.',
      'zh-Hans': '高中数学基础，会使用电子表格。',
    },
    outcomes: [
      {
        en: 'Choose a suitable open climate dataset for a city and describe its limits.',
        'zh-Hans': '为一座城市选择合适的开放气候数据集并说明其局限。',
      },
      {
        en: 'Compute monthly anomalies against the 1991–2020 baseline and a decadal trend.',
        'zh-Hans': '相对于1991–2020年基准期计算月距平和每十年趋势。',
      },
      {
        en: 'Explain the causes of the urban heat island and how to measure it.',
        'zh-Hans': '解释城市热岛效应的成因及测量方法。',
      },
      {
        en: 'Write a data-based brief recommending an adaptation measure.',
        'zh-Hans': '撰写基于数据的简报，提出适应措施建议。',
      },
    ],
    effort: { hoursPerWeek: 4, weeks: 4 },
    ectsCredits: 1,
    licence: 'CC-BY-4.0',
  },
  sections: [
    {
      title: 'Week 1 — Cities and climate',
      units: [
        {
          title: 'Welcome',
          blocks: [
            {
              type: 'demo_video',
              title: 'Welcome to Climate Data for Sustainable Cities',
              videoFile: 'welcome.mp4',
              posterFile: 'welcome-poster.png',
              captions: [
                { language: 'en', label: 'English', file: 'welcome.en.vtt' },
                { language: 'zh-Hans', label: '简体中文', file: 'welcome.zh-Hans.vtt' },
              ],
              durationSeconds: 26,
            },
            { type: 'text', title: 'About this course', body: WELCOME },
          ],
        },
        {
          title: 'The urban heat island',
          blocks: [
            { type: 'text', title: 'Why cities run hot', body: HEAT_ISLANDS },
            {
              type: 'quiz',
              title: 'Check your understanding',
              mode: 'practice',
              attemptsAllowed: null,
              questions: [
                {
                  id: 'uhi-when',
                  kind: 'single_choice',
                  prompt: 'When is the urban heat island usually strongest?',
                  choices: [
                    { id: 'a', text: 'At noon on a cloudy day', correct: false },
                    { id: 'b', text: 'On a calm, clear night', correct: true },
                    { id: 'c', text: 'During heavy rain', correct: false },
                  ],
                  explanation: 'Stored heat is released after sunset; wind and clouds mix and blanket the air.',
                },
                {
                  id: 'uhi-causes',
                  kind: 'multiple_choice',
                  prompt: 'Which of these make a city warmer than its surroundings? Select all that apply.',
                  choices: [
                    { id: 'a', text: 'Asphalt and concrete storing heat', correct: true },
                    { id: 'b', text: 'Less vegetation and evaporation', correct: true },
                    { id: 'c', text: 'Waste heat from traffic and air conditioning', correct: true },
                    { id: 'd', text: 'A higher altitude than the countryside', correct: false },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Weeks 2–3 — Working with open climate data',
      units: [
        {
          title: 'Finding data',
          blocks: [
            { type: 'text', title: 'Open climate datasets', body: FINDING_DATA },
            {
              type: 'link',
              title: 'NASA POWER data access viewer',
              url: 'https://power.larc.nasa.gov/data-access-viewer/',
              description: 'Download daily temperature and rainfall for any point on Earth as CSV, without an account.',
            },
          ],
        },
        {
          title: 'Anomalies and trends',
          blocks: [
            { type: 'text', title: 'Baselines, anomalies and trends', body: ANOMALIES },
            {
              type: 'quiz',
              title: 'Homework: anomalies',
              assignmentType: 'Homework',
              attemptsAllowed: 2,
              questions: [
                {
                  id: 'anomaly',
                  kind: 'numeric',
                  prompt:
                    'A station’s 1991–2020 mean for July is 17.8 °C. July 2025 averaged 19.1 °C. What is the anomaly in °C?',
                  answer: 1.3,
                  tolerance: 0.05,
                  points: 2,
                  explanation: '19.1 − 17.8 = +1.3 °C.',
                },
                {
                  id: 'normal-period',
                  kind: 'short_text',
                  prompt: 'Which 30-year period does the WMO currently use for climate normals? Write it as YYYY–YYYY.',
                  acceptedAnswers: ['1991–2020', '1991-2020', '1991 to 2020'],
                  normalisation: { ignoreWhitespace: true },
                },
                {
                  id: 'per-decade',
                  kind: 'numeric',
                  prompt: 'A trend line has a slope of 0.028 °C per year. What is the trend in °C per decade?',
                  answer: 0.28,
                  tolerance: 0.005,
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Week 4 — From data to decisions',
      units: [
        {
          title: 'Adaptation that works',
          blocks: [
            { type: 'text', title: 'From data to decisions', body: DECISIONS },
            {
              type: 'link',
              title: 'IPCC AR6 Working Group II: Cities, settlements and key infrastructure',
              url: 'https://www.ipcc.ch/report/ar6/wg2/chapter/chapter-6/',
              description: 'The assessment of urban adaptation options and their limits.',
            },
            {
              type: 'quiz',
              title: 'Final exam',
              assignmentType: 'Exam',
              attemptsAllowed: 2,
              dueAfterDays: 56,
              reveal: 'after_due',
              questions: [
                {
                  id: 'satellite',
                  kind: 'single_choice',
                  prompt: 'A satellite heat map shows land-surface temperature. What does it not show directly?',
                  choices: [
                    { id: 'a', text: 'How hot roofs and roads get', correct: false },
                    { id: 'b', text: 'The air temperature people breathe', correct: true },
                    { id: 'c', text: 'Where the hottest surfaces are', correct: false },
                  ],
                },
                {
                  id: 'measures',
                  kind: 'multiple_choice',
                  prompt: 'Which measures cool a neighbourhood mainly through shade or evaporation?',
                  choices: [
                    { id: 'a', text: 'Street trees', correct: true },
                    { id: 'b', text: 'Urban wetlands', correct: true },
                    { id: 'c', text: 'A heat early-warning system', correct: false },
                  ],
                },
                {
                  id: 'urban-share',
                  kind: 'numeric',
                  prompt:
                    'According to UN DESA, what percentage of the world’s population is expected to be urban by 2050?',
                  answer: 68,
                  tolerance: 1,
                },
                {
                  id: 'sponge',
                  kind: 'short_text',
                  prompt:
                    'Name the Chinese programme, piloted from 2015, that makes cities absorb and reuse rainwater.',
                  acceptedAnswers: ['Sponge City', 'Sponge Cities', 'Sponge City programme', '海绵城市'],
                  normalisation: { ignorePunctuation: true },
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
      code: '2027-T1',
      pacing: 'scheduled',
      language: 'en',
      enrollmentOpensAt: '2026-09-01T00:00:00Z',
      enrollmentClosesAt: '2027-03-15T23:59:59Z',
      startsAt: '2027-02-22T00:00:00Z',
      endsAt: '2027-05-28T23:59:59Z',
      capacity: null,
      certificatePolicy: 'free_on_pass',
      gradingPolicy: {
        assignmentTypes: [
          { name: 'Homework', weight: 0.6, dropLowest: 0 },
          { name: 'Exam', weight: 0.4, dropLowest: 0 },
        ],
        passMark: 0.6,
      },
    },
    {
      code: 'self-paced',
      pacing: 'self_paced',
      language: 'en',
      capacity: null,
      certificatePolicy: 'free_on_pass',
      gradingPolicy: {
        assignmentTypes: [
          { name: 'Homework', weight: 0.6, dropLowest: 0 },
          { name: 'Exam', weight: 0.4, dropLowest: 0 },
        ],
        passMark: 0.6,
      },
    },
  ],
  publishMessage: 'First release for the 2027-T1 run.',
};
