// When a question shows its error: a wrong answer once the patient leaves it, a missing one once Next
// is pressed on its step, the server's refusal until the answer changes.

import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import type { Answers } from '@frontdesk/contracts/intake'
import { describe, expect, it } from 'vitest'
import { IntakeChecks } from './checks.js'

const TODAY = '2026-03-02'

function judged(answers: Answers): IntakeChecks {
  const checks = new IntakeChecks()
  checks.judge(NEW_PATIENT_HISTORY, answers, TODAY)
  return checks
}

describe('IntakeChecks', () => {
  it('says nothing of a missing answer until Next is pressed on its step', () => {
    const checks = judged({})
    checks.touched.add('reason')
    expect(checks.codeAt('reason', 'reason')).toBeUndefined()
    checks.attempted.add('reason')
    expect(checks.codeAt('reason', 'reason')).toBe('required')
    // Another step's missing answers still wait for that step's Next.
    expect(checks.codeAt('contact.address', 'contact')).toBeUndefined()
  })

  it('says what is wrong with an answer once the patient has left the question', () => {
    const checks = judged({ contact: { emergencyName: 'Jan', emergencyPhone: 'call me' } })
    expect(checks.codeAt('contact.emergencyPhone', 'contact')).toBeUndefined()
    checks.touched.add('contact.emergencyPhone')
    expect(checks.codeAt('contact.emergencyPhone', 'contact')).toBe('invalidPhone')
  })

  it("shows the server's refusal until that answer changes", () => {
    const checks = judged({ reason: 'Back pain' })
    checks.server.set('reason', 'tooLong')
    expect(checks.codeAt('reason', 'reason')).toBe('tooLong')
    expect(checks.paths()).toContain('reason')
    checks.changed('reason')
    expect(checks.codeAt('reason', 'reason')).toBeUndefined()
  })

  it('counts a refused file as something to fix, and forgets it when the answer changes', () => {
    const checks = judged({ reason: 'Back pain' })
    checks.files.set('insurance.card', 'Use a file of this kind: PNG or PDF.')
    expect(checks.paths()).toContain('insurance.card')
    checks.changed('insurance.card')
    expect(checks.paths()).not.toContain('insurance.card')
  })

  it('keeps what was touched and refused with its entry when an earlier entry is removed', () => {
    const checks = judged({
      takesMedication: true,
      medications: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
    })
    checks.touched.add('medications[1].name').add('medications[2].dose')
    checks.server.set('medications[2].name', 'tooLong')
    checks.shift('medications', 1)
    expect([...checks.touched]).toEqual(['medications[1].dose'])
    expect([...checks.server]).toEqual([['medications[1].name', 'tooLong']])
  })
})
