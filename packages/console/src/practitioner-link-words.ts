// The words for linking a practitioner to a staff account (in the Staff view), in English and German;
// messages.ts wires `.en` as `messages.practitionerLink`.
const en = {
  column: 'Practitioner',
  hint: 'A practitioner member sees the bookings, patients and hours of the practitioner they are, and no one else’s.',
  notLinked: 'Not linked',
  notApplicable: '—',
  choose: (member: string) => `Practitioner that ${member} is`,
  linked: (member: string, practitioner: string) => `${member} is now ${practitioner}`,
  unlinked: (member: string) => `${member} is no longer linked to a practitioner`,
  inactive: (name: string) => `${name} (inactive)`,
}

const de = {
  column: 'Behandler',
  hint: 'Ein Mitglied mit der Rolle Behandler sieht die Termine, Patienten und Sprechzeiten des Behandlers, der es ist, und keine anderen.',
  notLinked: 'Nicht verknüpft',
  notApplicable: '—',
  choose: (member: string) => `Behandler, der ${member} ist`,
  linked: (member: string, practitioner: string) => `${member} ist jetzt ${practitioner}`,
  unlinked: (member: string) => `${member} ist mit keinem Behandler mehr verknüpft`,
  inactive: (name: string) => `${name} (inaktiv)`,
} satisfies typeof en

export const practitionerLinkWords = { en, de }
