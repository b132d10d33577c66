// FHIR R4 round trips: a new-patient history form and a response go out as Questionnaire and
// QuestionnaireResponse, pass the R4 shape rules, and come back unchanged; another system's
// Questionnaire imports; shapes R4 refuses are refused.
import { describe, expect, it } from 'vitest'
import { IntakeFormDefinition } from './definition.js'
import {
  META,
  newPatientAnswers,
  newPatientForm,
  otherSystemQuestionnaire,
  PNG_BASE64,
  TODAY,
} from './fhir.fixtures.js'
import {
  type Extension,
  FHIR_EXT,
  FhirMappingError,
  FRONTDESK_ITEM_URL,
  type Questionnaire,
  type QuestionnaireItem,
  type QuestionnaireResponseItem,
} from './fhir.js'
import { toQuestionnaire } from './fhir-questionnaire.js'
import { fromQuestionnaire } from './fhir-questionnaire-import.js'
import { fromQuestionnaireResponse, toQuestionnaireResponse } from './fhir-response.js'
import { FhirQuestionnaire, FhirQuestionnaireResponse } from './fhir-schema.js'
import { validateIntake } from './validate.js'

/** What an EHR receives: JSON, not our objects. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value))

function flatten<T extends { linkId: string; item?: T[] }>(items: T[] | undefined): T[] {
  return (items ?? []).flatMap((item) => [item, ...flatten(item.item)])
}

function itemAt(questionnaire: Questionnaire, linkId: string): QuestionnaireItem {
  const found = flatten(questionnaire.item).find((item) => item.linkId === linkId)
  if (!found) throw new Error(`no item ${linkId}`)
  return found
}

const extensions = (item: { extension?: Extension[] }, url: string) =>
  (item.extension ?? []).filter((extension) => extension.url === url)
const frontdesk = (item: QuestionnaireItem, name: string) =>
  extensions(item, FRONTDESK_ITEM_URL)[0]?.extension?.find((extension) => extension.url === name)

describe('an intake form as an R4 Questionnaire', () => {
  const questionnaire = toQuestionnaire(newPatientForm, {
    ...META,
    name: 'NewPatientHistory',
    status: 'active',
  })

  it('starts from a form the definition schema accepts', () => {
    expect(IntakeFormDefinition.safeParse(newPatientForm).success).toBe(true)
  })

  it('has the R4 shape, with a unique linkId per item', () => {
    expect(FhirQuestionnaire.safeParse(overTheWire(questionnaire)).error).toBeUndefined()
    const linkIds = flatten(questionnaire.item).map((item) => item.linkId)
    expect(new Set(linkIds).size).toBe(linkIds.length)
    expect(questionnaire).toMatchObject({
      url: META.url,
      version: '3',
      status: 'active',
      title: newPatientForm.title,
    })
  })

  it('shows other EHRs standard items, limits and help', () => {
    expect(itemAt(questionnaire, 'patient.fullName')).toMatchObject({
      type: 'string',
      required: true,
      maxLength: 120,
    })
    expect(extensions(itemAt(questionnaire, 'patient.fullName'), FHIR_EXT.minLength)).toEqual([
      { url: FHIR_EXT.minLength, valueInteger: 2 },
    ])
    expect(itemAt(questionnaire, 'visitReason').type).toBe('text')
    expect(itemAt(questionnaire, 'heightCm').type).toBe('integer')
    expect(extensions(itemAt(questionnaire, 'weightKg'), FHIR_EXT.minValue)).toEqual([
      { url: FHIR_EXT.minValue, valueDecimal: 2.5 },
    ])
    expect(itemAt(questionnaire, 'smoking').answerOption?.[1]).toEqual({
      valueCoding: { system: 'urn:frontdesk:option', code: 'former', display: 'Former' },
    })
    expect(itemAt(questionnaire, 'allergies')).toMatchObject({ type: 'choice', repeats: true })
    expect(itemAt(questionnaire, 'takesMedication').type).toBe('boolean')
    expect(
      ['patient.email', 'patient.phone', 'patient.address'].map((id) => itemAt(questionnaire, id).type),
    ).toEqual(['string', 'string', 'string'])
    expect(itemAt(questionnaire, 'consent').type).toBe('attachment')
    // 'today' has no R4 literal: only the fixed bound is standard.
    const birthDate = itemAt(questionnaire, 'patient.birthDate')
    expect(extensions(birthDate, FHIR_EXT.minValue)).toEqual([
      { url: FHIR_EXT.minValue, valueDate: '1900-01-01' },
    ])
    expect(extensions(birthDate, FHIR_EXT.maxValue)).toEqual([])
    expect(frontdesk(birthDate, 'max')).toEqual({ url: 'max', valueCode: 'today' })

    const card = itemAt(questionnaire, 'insuranceCard')
    expect(card).toMatchObject({ type: 'attachment', repeats: true, required: true })
    expect(extensions(card, FHIR_EXT.mimeType).map((one) => one.valueCode)).toEqual([
      'image/*',
      'application/pdf',
    ])
    expect(extensions(card, FHIR_EXT.maxSize)).toEqual([
      { url: FHIR_EXT.maxSize, valueDecimal: 5 * 1024 * 1024 },
    ])

    const medications = itemAt(questionnaire, 'medications')
    expect(medications).toMatchObject({ type: 'group', repeats: true })
    expect(extensions(medications, FHIR_EXT.minOccurs)).toEqual([
      { url: FHIR_EXT.minOccurs, valueInteger: 1 },
    ])
    expect(extensions(medications, FHIR_EXT.maxOccurs)).toEqual([
      { url: FHIR_EXT.maxOccurs, valueInteger: 10 },
    ])

    const phoneHelp = itemAt(questionnaire, 'patient.phone.help')
    expect(phoneHelp).toMatchObject({ type: 'display', text: 'For appointment reminders by text.' })
    expect(extensions(phoneHelp, FHIR_EXT.itemControl)[0]?.valueCodeableConcept?.coding?.[0]).toEqual({
      system: 'http://hl7.org/fhir/questionnaire-item-control',
      code: 'help',
    })
    expect(itemAt(questionnaire, 'patient').item?.[0]?.linkId).toBe('patient.help')
  })

  it('says simple conditions as enableWhen on the right linkId, nested ones only in the extension', () => {
    expect(itemAt(questionnaire, 'medications.stoppedOn')).toMatchObject({
      enableWhen: [{ question: 'medications.stillTaking', operator: '=', answerBoolean: false }],
    })
    expect(itemAt(questionnaire, 'emailReminders').enableWhen).toEqual([
      { question: 'patient.email', operator: 'exists', answerBoolean: true },
    ])
    expect(itemAt(questionnaire, 'cigarettesPerDay').enableWhen).toEqual([
      {
        question: 'smoking',
        operator: '=',
        answerCoding: { system: 'urn:frontdesk:option', code: 'current' },
      },
    ])
    const quitClinic = itemAt(questionnaire, 'quitClinic')
    expect(quitClinic.enableBehavior).toBe('any')
    expect(quitClinic.enableWhen?.map((entry) => entry.answerCoding?.code)).toEqual(['former', 'current'])
    expect(itemAt(questionnaire, 'allergyReaction')).toMatchObject({
      enableBehavior: 'any',
      enableWhen: [{ question: 'allergies' }, { question: 'allergies' }],
    })

    const pregnant = itemAt(questionnaire, 'pregnant')
    expect(pregnant.enableWhen).toBeUndefined()
    expect(JSON.parse(frontdesk(pregnant, 'condition')?.valueString ?? 'null')).toEqual(
      newPatientForm.items.find((item) => item.id === 'pregnant')?.showWhen,
    )
  })

  it('imports back to the very same form', () => {
    const imported = fromQuestionnaire(FhirQuestionnaire.parse(overTheWire(questionnaire)))
    expect(imported).toStrictEqual(newPatientForm)
  })
})

describe('answers as an R4 QuestionnaireResponse', () => {
  const verdict = validateIntake(newPatientForm, newPatientAnswers, { today: TODAY })
  const response = toQuestionnaireResponse(newPatientForm, verdict.answers, {
    questionnaire: `${META.url}|${META.version}`,
    status: 'completed',
    authored: '2027-03-02T09:41:00+01:00',
  })

  it('starts from answers the validator keeps as they are', () => {
    expect(verdict.issues).toEqual([])
    expect(verdict.answers).toStrictEqual(newPatientAnswers)
  })

  it('has the R4 shape, and names only items of the exported Questionnaire', () => {
    expect(FhirQuestionnaireResponse.safeParse(overTheWire(response)).error).toBeUndefined()
    const questionnaire = toQuestionnaire(newPatientForm, META)
    for (const item of flatten(response.item)) expect(() => itemAt(questionnaire, item.linkId)).not.toThrow()
  })

  it('repeats a repeating group as items with the same linkId, and gives a multiChoice several answers', () => {
    const medications = (response.item ?? []).filter((item) => item.linkId === 'medications')
    expect(medications.map((entry) => entry.item?.map((item) => item.linkId))).toEqual([
      ['medications.name', 'medications.dose', 'medications.stillTaking'],
      ['medications.name', 'medications.stillTaking', 'medications.stoppedOn'],
    ])
    const at = (linkId: string) =>
      flatten<QuestionnaireResponseItem>(response.item).find((item) => item.linkId === linkId)
    expect(at('allergies')?.answer?.map((answer) => answer.valueCoding?.code)).toEqual(['latex', 'other'])
    expect(at('heightCm')?.answer).toEqual([{ valueInteger: 168 }])
    expect(at('weightKg')?.answer).toEqual([{ valueDecimal: 61.5 }])
    expect(at('patient.address')?.answer?.[0]?.valueString).toBe(
      'Rue de la Loi 16, Boîte 3, 1000 Brussels, BE',
    )
    expect(at('consent')?.answer).toEqual([
      { valueAttachment: { contentType: 'image/png', data: PNG_BASE64 } },
    ])
    expect(at('insuranceCard')?.answer?.[1]).toEqual({
      valueAttachment: {
        contentType: 'application/pdf',
        size: 98_004,
        url: 'urn:frontdesk:file:file_InsBack002',
      },
    })
  })

  it('imports back to the very same answers', () => {
    const imported = fromQuestionnaireResponse(
      newPatientForm,
      FhirQuestionnaireResponse.parse(overTheWire(response)),
    )
    expect(imported).toStrictEqual(newPatientAnswers)
  })
})

describe('a Questionnaire written by another system', () => {
  it('maps its standard items to a definition the schema accepts', () => {
    expect(FhirQuestionnaire.safeParse(otherSystemQuestionnaire).error).toBeUndefined()
    const imported = fromQuestionnaire(otherSystemQuestionnaire)
    expect(imported).toStrictEqual({
      title: 'Pre-visit check',
      items: [
        { id: 'q1', label: 'Name', type: 'text', required: true, maxLength: 80 },
        { id: 'q2', label: 'Age', type: 'number', integer: true, min: 0 },
        { id: 'q3', label: 'Any allergies?', type: 'yesNo' },
        { id: 'q3_1', label: 'To what?', type: 'longText', showWhen: { field: 'q3', equals: true } },
        {
          id: 'symptoms',
          label: 'Symptoms',
          type: 'multiChoice',
          options: [
            { value: '25064002', label: 'Headache' },
            { value: 'Fever', label: 'Fever' },
          ],
        },
        {
          id: 'fever_days',
          label: 'Days of fever',
          type: 'number',
          showWhen: { field: 'symptoms', includes: 'Fever' },
        },
        {
          id: 'docs',
          label: 'Documents',
          type: 'group',
          items: [
            {
              id: 'docs_scan',
              label: 'Your last lab report',
              help: 'A photo is fine.',
              type: 'file',
              accept: ['image/*', 'application/pdf'],
              maxBytes: 10 * 1024 * 1024,
              maxFiles: 1,
            },
          ],
        },
        { id: 'thanks', label: 'Thank you.', type: 'display' },
      ],
    })
    expect(IntakeFormDefinition.safeParse(imported).error).toBeUndefined()
  })

  it.each(['quantity', 'reference', 'open-choice'] as const)(
    'refuses a %s item, naming its linkId',
    (type) => {
      const withUnsupported: Questionnaire = {
        ...otherSystemQuestionnaire,
        item: [...otherSystemQuestionnaire.item!, { linkId: 'weight-now', text: 'Weight', type }],
      }
      const error = (() => {
        try {
          fromQuestionnaire(withUnsupported)
        } catch (thrown) {
          return thrown
        }
      })()
      expect(error).toBeInstanceOf(FhirMappingError)
      expect(error).toMatchObject({
        linkId: 'weight-now',
        message: `weight-now: Frontdesk has no item for FHIR type "${type}"`,
      })
    },
  )
})

describe('the R4 shape checks', () => {
  const valid = () => overTheWire(toQuestionnaire(newPatientForm, META))
  const messages = (value: unknown) =>
    FhirQuestionnaire.safeParse(value).error?.issues.map((issue) => issue.message) ?? []

  it('refuse a linkId used twice', () => {
    const questionnaire = valid()
    questionnaire.item![3]!.linkId = questionnaire.item![2]!.linkId
    expect(messages(questionnaire)).toEqual(['linkId "emailReminders" is used twice (que-2)'])
  })

  it('refuse an enableWhen with two answers', () => {
    const questionnaire = valid()
    const entry = flatten(questionnaire.item).find((item) => item.linkId === 'cigarettesPerDay')!
      .enableWhen![0]!
    entry.answerString = 'current'
    expect(messages(questionnaire)).toEqual(['Exactly one answer[x]'])
  })

  it('refuse an item type R4 does not have', () => {
    const questionnaire = valid()
    ;(questionnaire.item![3] as { type: string }).type = 'slider'
    expect(messages(questionnaire)).toHaveLength(1)
    expect(FhirQuestionnaire.safeParse(questionnaire).error?.issues[0]?.path).toEqual(['item', 3, 'type'])
  })

  it('refuse several enableWhen without enableBehavior', () => {
    const questionnaire = valid()
    delete flatten(questionnaire.item).find((item) => item.linkId === 'quitClinic')!.enableBehavior
    expect(messages(questionnaire)).toEqual(['Several enableWhen need enableBehavior (que-12)'])
  })

  it('refuse response answers of no R4 type, or of the wrong one', () => {
    const response = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [{ linkId: 'heightCm', answer: [{ valueNumber: 168 }] }],
    }
    expect(FhirQuestionnaireResponse.safeParse(response).success).toBe(false)
    response.item[0]!.answer[0] = { valueInteger: 168.5 } as never
    expect(FhirQuestionnaireResponse.safeParse(response).success).toBe(false)
    response.item[0]!.answer[0] = { valueInteger: 168 } as never
    expect(FhirQuestionnaireResponse.safeParse(response).success).toBe(true)
  })
})
