// Registers the views' elements once; each view is its own file beside this one.
import { AccountView } from './account.js'
import { AuditView } from './audit.js'
import { BookingDetailView } from './booking-detail.js'
import { BookingMessagesView } from './booking-messages.js'
import { BookingsView } from './bookings.js'
import { ClinicSettingsView } from './clinic-settings.js'
import { ConsentDocumentsView } from './consent-documents.js'
import { FormEditorView } from './form-editor.js'
import { FormsView } from './forms.js'
import { GoLiveView } from './go-live.js'
import { InvitationView } from './invitation.js'
import { KeysView } from './keys.js'
import { LeaveView } from './leave.js'
import { MessagingView } from './messaging.js'
import { PatientDetailView } from './patient-detail.js'
import { PatientRightsView } from './patient-rights.js'
import { PatientsView } from './patients.js'
import { ResetPasswordView } from './reset-password.js'
import { RetentionView } from './retention.js'
import { RightsRequestsView } from './rights-requests.js'
import { ScheduleView } from './schedule.js'
import { ServicesView } from './services.js'
import { SignInView } from './sign-in.js'
import { StaffView } from './staff.js'
import { WebhookDeliveriesView } from './webhook-deliveries.js'
import { WebhooksView } from './webhooks.js'

const VIEWS = {
  'fd-sign-in': SignInView,
  'fd-reset-password': ResetPasswordView,
  'fd-invitation': InvitationView,
  'fd-bookings': BookingsView,
  'fd-go-live': GoLiveView,
  'fd-patients': PatientsView,
  'fd-patient-detail': PatientDetailView,
  'fd-patient-rights': PatientRightsView,
  'fd-clinic-settings': ClinicSettingsView,
  'fd-booking-detail': BookingDetailView,
  'fd-booking-messages': BookingMessagesView,
  'fd-services': ServicesView,
  'fd-schedule': ScheduleView,
  'fd-messaging': MessagingView,
  'fd-forms': FormsView,
  'fd-form-editor': FormEditorView,
  'fd-consent-documents': ConsentDocumentsView,
  'fd-keys': KeysView,
  'fd-webhooks': WebhooksView,
  'fd-webhook-deliveries': WebhookDeliveriesView,
  'fd-staff': StaffView,
  'fd-audit': AuditView,
  'fd-rights-requests': RightsRequestsView,
  'fd-retention': RetentionView,
  'fd-account': AccountView,
  'fd-leave': LeaveView,
} as const

for (const [tag, view] of Object.entries(VIEWS)) {
  if (!customElements.get(tag)) customElements.define(tag, view as unknown as CustomElementConstructor)
}

declare global {
  interface HTMLElementTagNameMap {
    'fd-sign-in': SignInView
    'fd-reset-password': ResetPasswordView
    'fd-invitation': InvitationView
    'fd-bookings': BookingsView
    'fd-booking-detail': BookingDetailView
    'fd-booking-messages': BookingMessagesView
    'fd-patients': PatientsView
    'fd-patient-detail': PatientDetailView
    'fd-patient-rights': PatientRightsView
    'fd-services': ServicesView
    'fd-schedule': ScheduleView
    'fd-messaging': MessagingView
    'fd-forms': FormsView
    'fd-form-editor': FormEditorView
    'fd-consent-documents': ConsentDocumentsView
    'fd-keys': KeysView
    'fd-webhooks': WebhooksView
    'fd-webhook-deliveries': WebhookDeliveriesView
    'fd-staff': StaffView
    'fd-audit': AuditView
    'fd-rights-requests': RightsRequestsView
    'fd-retention': RetentionView
    'fd-account': AccountView
    'fd-leave': LeaveView
  }
}
