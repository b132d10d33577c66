// The two intake forms the demo clinic ships with: a new patient's history, and a child's form filled
// in by a parent or guardian. Written as a clinic would author them through the API.
import type { FormDefinition } from '../intake/types.js'

const yesNoDetails = (id: string, label: string, detailsLabel: string) =>
  [
    { id, type: 'yesNo', label, required: true },
    {
      id: `${id}Details`,
      type: 'longText',
      label: detailsLabel,
      required: true,
      maxLength: 1000,
      showWhen: { field: id, equals: true },
    },
  ] as const

export const NEW_PATIENT_HISTORY: FormDefinition = {
  title: 'New patient history',
  description: 'Takes about five minutes. Your answers go to your care team only.',
  items: [
    {
      id: 'reason',
      type: 'longText',
      label: 'What would you like to see us about?',
      required: true,
      maxLength: 2000,
    },
    {
      id: 'contact',
      type: 'group',
      label: 'How to reach you',
      items: [
        { id: 'address', type: 'address', label: 'Home address', required: true },
        { id: 'emergencyName', type: 'text', label: 'Emergency contact name', maxLength: 200 },
        {
          id: 'emergencyPhone',
          type: 'phone',
          label: 'Emergency contact phone',
          showWhen: { field: 'emergencyName', answered: true },
        },
      ],
    },
    {
      id: 'insurance',
      type: 'group',
      label: 'Insurance',
      items: [
        {
          id: 'kind',
          type: 'choice',
          label: 'How are you insured?',
          required: true,
          options: [
            { value: 'statutory', label: 'Statutory health insurance' },
            { value: 'private', label: 'Private health insurance' },
            { value: 'self', label: 'I pay myself' },
          ],
        },
        {
          id: 'insurer',
          type: 'text',
          label: 'Insurer',
          required: true,
          showWhen: { field: 'kind', in: ['statutory', 'private'] },
        },
        {
          id: 'card',
          type: 'file',
          label: 'Photos of both sides of your insurance card',
          help: 'JPEG, PNG or PDF, up to 10 MB each.',
          accept: ['image/jpeg', 'image/png', 'application/pdf'],
          maxBytes: 10 * 1024 * 1024,
          maxFiles: 2,
          showWhen: { field: 'kind', in: ['statutory', 'private'] },
        },
      ],
    },
    { id: 'takesMedication', type: 'yesNo', label: 'Do you take any medicines?', required: true },
    {
      id: 'medications',
      type: 'group',
      label: 'Your medicines',
      help: 'One entry per medicine, including the pill, inhalers and supplements.',
      repeat: { min: 1, max: 20 },
      showWhen: { field: 'takesMedication', equals: true },
      items: [
        { id: 'name', type: 'text', label: 'Medicine', required: true, maxLength: 200 },
        { id: 'regular', type: 'yesNo', label: 'Do you take it every day?', required: true },
        {
          id: 'dose',
          type: 'text',
          label: 'Dose per day',
          required: true,
          maxLength: 100,
          showWhen: { field: 'regular', equals: true },
        },
      ],
    },
    {
      id: 'allergies',
      type: 'multiChoice',
      label: 'Are you allergic to any of these?',
      options: [
        { value: 'penicillin', label: 'Penicillin or other antibiotics' },
        { value: 'nsaid', label: 'Aspirin or ibuprofen' },
        { value: 'latex', label: 'Latex' },
        { value: 'other', label: 'Something else' },
      ],
    },
    {
      id: 'otherAllergy',
      type: 'text',
      label: 'What else are you allergic to?',
      required: true,
      showWhen: { field: 'allergies', includes: 'other' },
    },
    ...yesNoDetails(
      'chronicConditions',
      'Do you have a long-term condition?',
      'Which conditions, and since when?',
    ),
    {
      id: 'smoking',
      type: 'choice',
      label: 'Do you smoke?',
      options: [
        { value: 'never', label: 'Never' },
        { value: 'former', label: 'I used to' },
        { value: 'current', label: 'Yes' },
      ],
    },
    { id: 'heightCm', type: 'number', label: 'Height (cm)', integer: true, min: 40, max: 250 },
    { id: 'weightKg', type: 'number', label: 'Weight (kg)', min: 2, max: 400 },
    {
      id: 'consentToContact',
      type: 'display',
      label:
        'We will only use these details to treat you. You can ask to see, correct or delete them at any time.',
    },
    { id: 'signature', type: 'signature', label: 'Sign to confirm your answers are correct', required: true },
  ],
}

export const CHILD_FORM: FormDefinition = {
  title: "Your child's first visit",
  description: 'Filled in by a parent or legal guardian.',
  items: [
    {
      id: 'child',
      type: 'group',
      label: 'The child',
      items: [
        { id: 'name', type: 'text', label: "Child's full name", required: true, maxLength: 200 },
        {
          id: 'dateOfBirth',
          type: 'date',
          label: "Child's date of birth",
          required: true,
          min: '2008-01-01',
          max: 'today',
        },
      ],
    },
    {
      id: 'relation',
      type: 'choice',
      label: 'You are the child’s',
      required: true,
      options: [
        { value: 'mother', label: 'Mother' },
        { value: 'father', label: 'Father' },
        { value: 'guardian', label: 'Legal guardian' },
      ],
    },
    {
      id: 'guardianProof',
      type: 'file',
      label: 'Proof of guardianship',
      accept: ['application/pdf', 'image/*'],
      maxBytes: 10 * 1024 * 1024,
      maxFiles: 1,
      required: true,
      showWhen: { field: 'relation', equals: 'guardian' },
    },
    {
      id: 'vaccinationsUpToDate',
      type: 'yesNo',
      label: 'Are the recommended vaccinations up to date?',
      required: true,
    },
    {
      id: 'vaccinationRecord',
      type: 'file',
      label: 'Photo of the vaccination record',
      accept: ['image/*', 'application/pdf'],
      maxBytes: 10 * 1024 * 1024,
      maxFiles: 4,
    },
    ...yesNoDetails('allergies', 'Does your child have allergies?', 'Which allergies?'),
    { id: 'reason', type: 'longText', label: 'What brings you in?', required: true, maxLength: 2000 },
    { id: 'signature', type: 'signature', label: 'Sign as parent or guardian', required: true },
  ],
}
