import { CASE_STUDY, DESIGN_PRINCIPLES, LINEAR_TO_CIRCULAR, R_STRATEGIES } from './circular-design-text.ts';
import type { DemoCourse } from './types.ts';

/** A self-paced English course from Politecnico di Milano. */
export const CIRCULAR_DESIGN_COURSE: DemoCourse = {
  key: 'circular-design',
  leadInstitutionKey: 'polimi',
  partnerInstitutionKeys: [],
  leadInstructorEmail: 'instructor.polimi@demo.orbis.test',
  team: [],
  metadata: {
    title: {
      en: 'Circular Design: Products for a Circular Economy',
      it: 'Design circolare: prodotti per un’economia circolare',
      'zh-Hans': '循环设计：面向循环经济的产品',
    },
    shortDescription: {
      en: 'Learn to design products that last, can be repaired and come apart, using the R-strategies and the EU’s new ecodesign rules.',
      it: 'Impara a progettare prodotti durevoli, riparabili e smontabili con le strategie R e le nuove regole europee sull’ecodesign.',
      'zh-Hans': '运用 R 策略和欧盟新的生态设计规则，学习设计经久耐用、可维修、易拆解的产品。',
    },
    description: {
      en: 'Only a small share of the materials the world uses is cycled back. Designers decide most of a product’s environmental impact long before it is thrown away. This self-paced course introduces the circular economy, the ten R-strategies, design for longevity and disassembly, recycled content and the EU Ecodesign for Sustainable Products Regulation, and ends with a hands-on case study. Start whenever you like.',
    },
    subjects: ['engineering', 'arts_humanities'],
    skills: [
      { name: { en: 'circular economy', it: 'economia circolare' } },
      { name: { en: 'design for disassembly', it: 'progettazione per il disassemblaggio' } },
    ],
    level: 'introductory',
    languages: ['en'],
    outcomes: [
      { en: 'Explain the difference between linear and circular material flows.' },
      { en: 'Rank circular strategies with the R0–R9 ladder.' },
      { en: 'Apply design-for-disassembly principles to an everyday product.' },
      { en: 'Calculate the recycled content of a product.' },
    ],
    effort: { hoursPerWeek: 2, weeks: 3 },
    ectsCredits: null,
    licence: 'CC-BY-SA-4.0',
    industryPartners: [],
  },
  sections: [
    {
      title: 'Circular economy basics',
      units: [
        {
          title: 'From linear to circular',
          blocks: [
            { type: 'text', title: 'Take, make, dispose — and the alternative', body: LINEAR_TO_CIRCULAR },
            {
              type: 'link',
              title: 'Ellen MacArthur Foundation: the butterfly diagram',
              url: 'https://www.ellenmacarthurfoundation.org/circular-economy-diagram',
              description: 'The two cycles of the circular economy, explained step by step.',
            },
          ],
        },
        {
          title: 'The R-strategies',
          blocks: [
            { type: 'text', title: 'From refuse to recover', body: R_STRATEGIES },
            {
              type: 'quiz',
              title: 'Practice: the R-ladder',
              mode: 'practice',
              attemptsAllowed: null,
              shuffleChoices: true,
              questions: [
                {
                  id: 'most-circular',
                  kind: 'single_choice',
                  prompt: 'Which strategy usually keeps the most value in a product?',
                  choices: [
                    { id: 'a', text: 'Recycle', correct: false },
                    { id: 'b', text: 'Repair', correct: true },
                    { id: 'c', text: 'Recover energy', correct: false },
                  ],
                },
                {
                  id: 'hierarchy-first',
                  kind: 'short_text',
                  prompt: 'What is the first, most preferred step of the EU waste hierarchy?',
                  acceptedAnswers: ['prevention', 'waste prevention', 'prevent'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Designing for a second life',
      units: [
        {
          title: 'Longevity and disassembly',
          blocks: [
            { type: 'text', title: 'Design principles', body: DESIGN_PRINCIPLES },
            {
              type: 'link',
              title: 'Regulation (EU) 2024/1781 on ecodesign for sustainable products',
              url: 'https://eur-lex.europa.eu/eli/reg/2024/1781/oj',
              description: 'The full legal text on EUR-Lex, in every official EU language.',
            },
            {
              key: 'discuss-materials',
              type: 'discussion',
              title: 'Discuss: materials where you live',
              prompt: [
                'Which materials and products are **reused or repaired** where you live?',
                '',
                'Tell the others about your city or country: a repair café, a deposit scheme for bottles, a market for second-hand furniture, a tailor who mends clothes, or a rule that makes repair easier. Who runs it, and what keeps it going — or what holds it back?',
                '',
                'Then read what learners elsewhere wrote, and reply to one idea that could work where you live.',
              ].join('\n'),
            },
          ],
        },
        {
          title: 'Case study and assessment',
          blocks: [
            { type: 'text', title: 'Case study: an office chair', body: CASE_STUDY },
            {
              type: 'quiz',
              title: 'Final assessment',
              assignmentType: 'Exam',
              attemptsAllowed: 2,
              questions: [
                {
                  id: 'recycled-content',
                  kind: 'numeric',
                  prompt:
                    'A 1.2 kg desk lamp contains 0.3 kg of recycled aluminium. What is its recycled content in per cent?',
                  answer: 25,
                  tolerance: 0.5,
                  explanation: '0.3 ÷ 1.2 × 100 = 25 %.',
                },
                {
                  id: 'disassembly',
                  kind: 'multiple_choice',
                  prompt: 'Which choices make a product easier to take apart? Select all that apply.',
                  choices: [
                    { id: 'a', text: 'Screws instead of glue', correct: true },
                    { id: 'b', text: 'Fewer different materials', correct: true },
                    { id: 'c', text: 'Marking plastic parts with their type', correct: true },
                    { id: 'd', text: 'Ultrasonic welding of every housing', correct: false },
                  ],
                },
                {
                  id: 'passport',
                  kind: 'short_text',
                  prompt: 'What does the EU ecodesign regulation call the digital record that travels with a product?',
                  acceptedAnswers: ['Digital Product Passport', 'product passport', 'DPP'],
                },
                {
                  id: 'remanufacture',
                  kind: 'single_choice',
                  prompt: 'Parts of a discarded printer are used to build a new printer. Which R-strategy is this?',
                  choices: [
                    { id: 'a', text: 'R6 Remanufacture', correct: true },
                    { id: 'b', text: 'R7 Repurpose', correct: false },
                    { id: 'c', text: 'R8 Recycle', correct: false },
                  ],
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
      code: 'self-paced',
      pacing: 'self_paced',
      language: 'en',
      capacity: null,
      certificatePolicy: 'free_on_pass',
      gradingPolicy: { assignmentTypes: [{ name: 'Exam', weight: 1, dropLowest: 0 }], passMark: 0.7 },
    },
  ],

  publishMessage: 'First release of the self-paced course.',
};
