// The words of the messages a rights request sends: the one-time code, and the clinic's answer.
type Language = 'en' | 'de'

const KIND: Record<Language, Record<string, string>> = {
  en: {
    access: 'a copy of your data',
    rectification: 'a correction of your data',
    erasure: 'the erasure of your data',
    restriction: 'restricted use of your data',
    objection: 'your objection to the use of your data',
  },
  de: {
    access: 'eine Kopie Ihrer Daten',
    rectification: 'eine Berichtigung Ihrer Daten',
    erasure: 'die Löschung Ihrer Daten',
    restriction: 'die Einschränkung der Verarbeitung Ihrer Daten',
    objection: 'Ihren Widerspruch gegen die Verarbeitung Ihrer Daten',
  },
}

export function codeMessage(language: Language, clinic: string, kind: string, code: string) {
  return language === 'de'
    ? {
        subject: `${clinic}: Ihr Bestätigungscode`,
        text: `Ihr Code für Ihre Anfrage (${KIND.de[kind]}) bei ${clinic}: ${code}\nEr gilt 15 Minuten. Wenn Sie nichts angefragt haben, ignorieren Sie diese Nachricht.`,
      }
    : {
        subject: `${clinic}: your confirmation code`,
        text: `Your code for your request (${KIND.en[kind]}) to ${clinic}: ${code}\nIt works for 15 minutes. If you did not ask for anything, ignore this message.`,
      }
}

export function outcomeMessage(
  language: Language,
  clinic: string,
  kind: string,
  outcome: { decision: 'complete' | 'reject'; note?: string | undefined; downloadUrl?: string | undefined },
) {
  const what = KIND[language][kind]
  const note = outcome.note ? `\n\n${outcome.note}` : ''
  if (language === 'de') {
    const text =
      outcome.decision === 'reject'
        ? `${clinic} hat Ihre Anfrage (${what}) abgelehnt.${note}`
        : outcome.downloadUrl
          ? `${clinic} hat Ihre Anfrage (${what}) erledigt. Laden Sie Ihre Daten innerhalb von 7 Tagen herunter: ${outcome.downloadUrl}${note}`
          : `${clinic} hat Ihre Anfrage (${what}) erledigt.${note}`
    return { subject: `${clinic}: Ihre Anfrage`, text }
  }
  const text =
    outcome.decision === 'reject'
      ? `${clinic} declined your request (${what}).${note}`
      : outcome.downloadUrl
        ? `${clinic} completed your request (${what}). Download your data within 7 days: ${outcome.downloadUrl}${note}`
        : `${clinic} completed your request (${what}).${note}`
  return { subject: `${clinic}: your request`, text }
}
