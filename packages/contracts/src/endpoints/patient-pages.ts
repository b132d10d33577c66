// The patient's own pages behind the links in their messages: static HTML, CSS and scripts. The object's id
// and token travel in the link's fragment, never to the server; the pages call the API with them.
import { bytes, defineEndpoints, html } from './define.js'

const page = (path: string, summary: string) =>
  ({
    principals: [],
    method: 'get',
    path,
    tags: ['Patient pages'],
    summary,
    responses: { 200: html('The page') },
    sdk: { excluded: "a page in the patient's browser" },
  }) as const
const asset = (path: string, summary: string, mediaType: string) =>
  ({
    principals: [],
    method: 'get',
    path,
    tags: ['Patient pages'],
    summary,
    responses: { 200: bytes('The file', mediaType) },
    sdk: { excluded: "part of a page in the patient's browser" },
  }) as const

export const patientPageEndpoints = defineEndpoints({
  getPatientPageStyles: asset('/v1/patient-page.css', "The patient pages' stylesheet", 'text/css'),
  getPatientPageScript: asset('/v1/patient-page.js', "The patient pages' shared script", 'text/javascript'),
  getPatientPageOperations: asset(
    '/v1/patient-page-operations.js',
    'The method and path of each API operation the patient pages call, so their scripts write none',
    'text/javascript',
  ),
  getConsentReceiptPage: page('/v1/consent/receipt', 'A consent receipt, with its withdrawal'),
  getConsentReceiptScript: asset('/v1/consent/receipt.js', "The receipt page's script", 'text/javascript'),
  getManageBookingPage: page('/v1/bookings/manage', 'A booking, to cancel or move it'),
  getManageBookingScript: asset('/v1/bookings/manage.js', "The manage page's script", 'text/javascript'),
  getRightsDownloadPage: page('/v1/rights/download', "The download of a patient's own data"),
  getRightsDownloadScript: asset('/v1/rights/download.js', "The download page's script", 'text/javascript'),
  getUnsubscribePage: {
    ...page('/v1/unsubscribe', "An email's unsubscribe link: asks before it unsubscribes"),
    description:
      'Opened from the link in an email (`?token=ut_…`). Changes nothing: mail scanners open links. Its button sends the one-click POST to the same address.',
  },
  getUnsubscribeScript: asset('/v1/unsubscribe.js', "The unsubscribe page's script", 'text/javascript'),
})
