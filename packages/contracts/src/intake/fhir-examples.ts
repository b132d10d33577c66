// Questionnaires other systems publish, for tests of the FHIR import: HL7's own R4 example, written out by
// hand from http://hl7.org/fhir/R4/questionnaire-example-f201-lifelines.json (its narrative `text` left
// out; everything else as published, the "alchohol" typo included).
import type { Questionnaire } from './fhir.js'

/** HL7 FHIR R4 example Questionnaire/f201, "Lifelines Questionnaire 1 part 1": no title, no name. */
export const LIFELINES_QUESTIONNAIRE = {
  resourceType: 'Questionnaire',
  id: 'f201',
  url: 'http://hl7.org/fhir/Questionnaire/f201',
  status: 'active',
  subjectType: ['Patient'],
  date: '2010',
  code: [
    {
      system: 'http://example.org/system/code/lifelines/nl',
      code: 'VL 1-1, 18-65_1.2.2',
      display: 'Lifelines Questionnaire 1 part 1',
    },
  ],
  item: [
    { linkId: '1', text: 'Do you have allergies?', type: 'boolean' },
    {
      linkId: '2',
      text: 'General questions',
      type: 'group',
      item: [
        { linkId: '2.1', text: 'What is your gender?', type: 'string' },
        { linkId: '2.2', text: 'What is your date of birth?', type: 'date' },
        { linkId: '2.3', text: 'What is your country of birth?', type: 'string' },
        { linkId: '2.4', text: 'What is your marital status?', type: 'string' },
      ],
    },
    {
      linkId: '3',
      text: 'Intoxications',
      type: 'group',
      item: [
        { linkId: '3.1', text: 'Do you smoke?', type: 'boolean' },
        { linkId: '3.2', text: 'Do you drink alchohol?', type: 'boolean' },
      ],
    },
  ],
} as const satisfies Questionnaire & Record<string, unknown>
