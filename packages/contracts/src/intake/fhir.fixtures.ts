// Fixtures for the FHIR tests: a new-patient history form using every field type, a patient's answers
// to it, and a small Questionnaire as another system would write it (no Frontdesk extension).
import { FHIR_EXT, type Questionnaire } from './fhir.js'
import type { Answers, FormDefinition } from './types.js'

export const TODAY = '2027-03-02'
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='
export const META = { url: 'https://parkside.example/fhir/Questionnaire/new-patient', version: '3' }
const options = (...values: string[]) =>
  values.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }))

/** Every field type, help, a plain and a repeating group, conditions simple and nested, 'today' limits. */
export const newPatientForm: FormDefinition = {
  title: 'New patient history',
  description: 'Please complete this before your first visit; it takes about ten minutes.',
  items: [
    {
      id: 'welcome',
      type: 'display',
      label: 'Welcome to Parkside Family Practice.',
      help: 'Only your care team reads this.',
    },
    {
      id: 'patient',
      type: 'group',
      label: 'About you',
      help: 'As written on your ID card.',
      items: [
        { id: 'fullName', type: 'text', label: 'Full name', required: true, minLength: 2, maxLength: 120 },
        {
          id: 'birthDate',
          type: 'date',
          label: 'Date of birth',
          required: true,
          min: '1900-01-01',
          max: 'today',
        },
        {
          id: 'sexAtBirth',
          type: 'choice',
          label: 'Sex assigned at birth',
          required: true,
          options: options('female', 'male', 'intersex'),
        },
        { id: 'email', type: 'email', label: 'Email', required: true },
        { id: 'phone', type: 'phone', label: 'Mobile phone', help: 'For appointment reminders by text.' },
        { id: 'address', type: 'address', label: 'Home address', required: true },
      ],
    },
    {
      id: 'emailReminders',
      type: 'yesNo',
      label: 'Email me reminders',
      showWhen: { field: 'email', answered: true },
    },
    { id: 'visitReason', type: 'longText', label: 'What brings you in?', required: true, maxLength: 2000 },
    { id: 'heightCm', type: 'number', label: 'Height (cm)', integer: true, min: 40, max: 250 },
    { id: 'weightKg', type: 'number', label: 'Weight (kg)', min: 2.5, max: 400 },
    {
      id: 'smoking',
      type: 'choice',
      label: 'Do you smoke?',
      required: true,
      options: options('never', 'former', 'current'),
    },
    {
      id: 'cigarettesPerDay',
      type: 'number',
      label: 'Cigarettes a day',
      integer: true,
      min: 1,
      showWhen: { field: 'smoking', equals: 'current' },
    },
    {
      id: 'quitClinic',
      type: 'display',
      label: 'Our nurses run a free stop-smoking clinic.',
      showWhen: { field: 'smoking', in: ['former', 'current'] },
    },
    {
      id: 'allergies',
      type: 'multiChoice',
      label: 'Allergies',
      options: options('penicillin', 'nuts', 'latex', 'pollen', 'other'),
      minSelected: 1,
      maxSelected: 4,
    },
    {
      id: 'allergyReaction',
      type: 'text',
      label: 'What happens when you react?',
      showWhen: {
        any: [
          { field: 'allergies', includes: 'latex' },
          { field: 'allergies', includes: 'other' },
        ],
      },
    },
    { id: 'takesMedication', type: 'yesNo', label: 'Do you take any medicine?', required: true },
    {
      id: 'medications',
      type: 'group',
      label: 'Your medicines',
      repeat: { min: 1, max: 10 },
      showWhen: { field: 'takesMedication', equals: true },
      items: [
        { id: 'name', type: 'text', label: 'Medicine', required: true },
        { id: 'dose', type: 'text', label: 'Dose and how often' },
        { id: 'stillTaking', type: 'yesNo', label: 'Still taking it?', required: true },
        {
          id: 'stoppedOn',
          type: 'date',
          label: 'Stopped on',
          max: 'today',
          showWhen: { field: 'stillTaking', equals: false },
        },
      ],
    },
    {
      id: 'pregnant',
      type: 'yesNo',
      label: 'Could you be pregnant?',
      help: 'Some medicines and X-rays are not safe in pregnancy.',
      showWhen: {
        all: [
          { field: 'sexAtBirth', in: ['female', 'intersex'] },
          {
            any: [
              { field: 'takesMedication', equals: true },
              { field: 'allergies', answered: true },
            ],
          },
        ],
      },
    },
    {
      id: 'insuranceCard',
      type: 'file',
      label: 'Insurance card, both sides',
      required: true,
      accept: ['image/*', 'application/pdf'],
      maxBytes: 5 * 1024 * 1024,
      maxFiles: 2,
    },
    {
      id: 'referralLetter',
      type: 'file',
      label: 'Referral letter',
      accept: ['application/pdf'],
      maxBytes: 10 * 1024 * 1024,
      maxFiles: 1,
    },
    { id: 'firstVisit', type: 'date', label: 'Preferred first visit', min: 'today', max: '2030-12-31' },
    { id: 'consent', type: 'signature', label: 'I confirm my answers are true', required: true },
  ],
}

/** As validateIntake keeps them on TODAY, with no issues. */
export const newPatientAnswers: Answers = {
  patient: {
    fullName: 'Ana Martins',
    birthDate: '1988-07-14',
    sexAtBirth: 'female',
    email: 'ana.martins@example.org',
    phone: '+32 470 12 34 56',
    address: {
      line1: 'Rue de la Loi 16',
      line2: 'Boîte 3',
      postalCode: '1000',
      city: 'Brussels',
      country: 'BE',
    },
  },
  emailReminders: true,
  visitReason: 'Headaches most mornings since January.\nWorse after screen work.',
  heightCm: 168,
  weightKg: 61.5,
  smoking: 'former',
  allergies: ['latex', 'other'],
  allergyReaction: 'A rash from plasters',
  takesMedication: true,
  medications: [
    { name: 'Ibuprofen', dose: '400 mg when needed', stillTaking: true },
    { name: 'Sumatriptan', stillTaking: false, stoppedOn: '2026-11-30' },
  ],
  pregnant: false,
  insuranceCard: [
    { fileId: 'file_InsFront01', contentType: 'image/jpeg', bytes: 412_331 },
    { fileId: 'file_InsBack002', contentType: 'application/pdf', bytes: 98_004 },
  ],
  firstVisit: '2027-03-15',
  consent: { image: `data:image/png;base64,${PNG_BASE64}` },
}

/** Standard items only: no Frontdesk extension, linkIds that are not Frontdesk ids. */
const minValue = (valueInteger: number) => [{ url: FHIR_EXT.minValue, valueInteger }]
export const otherSystemQuestionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  title: 'Pre-visit check',
  item: [
    { linkId: '1', text: 'Name', type: 'string', required: true, maxLength: 80 },
    { linkId: '2', text: 'Age', type: 'integer', extension: minValue(0) },
    { linkId: '3', text: 'Any allergies?', type: 'boolean' },
    {
      linkId: '3.1',
      text: 'To what?',
      type: 'text',
      enableWhen: [{ question: '3', operator: '=', answerBoolean: true }],
    },
    {
      linkId: 'symptoms',
      text: 'Symptoms',
      type: 'choice',
      repeats: true,
      answerOption: [
        { valueCoding: { system: 'http://snomed.info/sct', code: '25064002', display: 'Headache' } },
        { valueString: 'Fever' },
      ],
    },
    {
      linkId: 'fever-days',
      text: 'Days of fever',
      type: 'decimal',
      enableWhen: [{ question: 'symptoms', operator: '=', answerString: 'Fever' }],
    },
    {
      linkId: 'docs',
      text: 'Documents',
      type: 'group',
      item: [
        {
          linkId: 'docs.scan',
          text: 'Your last lab report',
          type: 'attachment',
          item: [
            {
              linkId: 'docs.scan.hint',
              text: 'A photo is fine.',
              type: 'display',
              extension: [
                { url: FHIR_EXT.itemControl, valueCodeableConcept: { coding: [{ code: 'help' }] } },
              ],
            },
          ],
        },
      ],
    },
    { linkId: 'thanks', text: 'Thank you.', type: 'display' },
  ],
}
